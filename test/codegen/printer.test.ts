// The shared walker and the target tables: exact strings for precedence corner
// cases, activations spelled by the tables, reserved words renamed, NumPy slices.
import { describe, expect, it } from 'vitest';
import { emit } from '../../src/codegen/emit.js';
import { assign, bin, iadd, index, kcall, kneg, kvar, loop, num, select, type KExpr, type Kernel } from '../../src/codegen/kernel-ir.js';
import { lowerScalar } from '../../src/codegen/lower.js';
import { printExpr, identFor } from '../../src/codegen/printer.js';
import { TARGETS, type TargetName } from '../../src/codegen/targets/index.js';
import { parseExpr } from '../../src/ir/parse.js';

const a = kvar('a'), b = kvar('b'), c = kvar('c');
const print = (e: KExpr, t: TargetName = 'js'): string => printExpr(e, { t: TARGETS[t], ident: identFor(TARGETS[t]) });

describe('precedence (one table for every target)', () => {
  it.each([
    [bin('-', a, bin('-', b, c)), 'a - (b - c)'],
    [bin('-', bin('-', a, b), c), 'a - b - c'],
    [bin('/', a, bin('*', b, c)), 'a / (b * c)'],
    [bin('*', bin('+', a, b), c), '(a + b) * c'],
    [bin('*', a, num(-2)), 'a * (-2)'],
    [kneg(bin('+', a, b)), '-(a + b)'],
    [bin('-', a, kneg(b)), 'a - (-b)'],
    [bin('<', bin('+', a, b), c), 'a + b < c'],
    // doubles are not associative: a right operand of equal precedence keeps its parentheses
    [bin('*', a, bin('*', b, c)), 'a * (b * c)'],
    [bin('+', a, bin('+', b, c)), 'a + (b + c)'],
    [bin('*', a, bin('/', b, c)), 'a * (b / c)'],
  ])('%j prints as %s', (e, s) => expect(print(e)).toBe(s));

  it('integer index arithmetic keeps the light spelling', () => {
    expect(print(index('u', bin('+', bin('*', kvar('j'), kvar('w')), bin('+', kvar('i'), num(1)))))).toBe('u[j * w + i + 1]');
  });
});

describe('tables of spellings', () => {
  it.each([
    ['js', 'Math.max(0, a)', '(a > 0 ? 1 : 0)', '(a < b ? a : b)'],
    ['c', 'fmax(0.0, a)', '(a > 0.0 ? 1.0 : 0.0)', '(a < b ? a : b)'],
    ['python', 'max(0.0, a)', '(1.0 if a > 0 else 0.0)', '(a if a < b else b)'],
    ['torch', 'torch.relu(a)', '(a > 0).to(torch.float64)', 'torch.where(a < b, torch.as_tensor(a), torch.as_tensor(b))'],
  ] as const)('%s: relu, heaviside, select', (t, relu, heaviside, sel) => {
    expect(print(kcall('relu', a), t)).toBe(relu);
    expect(print(kcall('heaviside', a), t)).toBe(heaviside);
    expect(print(select(bin('<', a, b), a, b), t)).toBe(sel);
  });

  it('reserved words of the target are renamed, the names stay readable', () => {
    const k = lowerScalar('f', parseExpr('lambda * int'), ['lambda', 'int']);
    expect(emit(k, 'python')).toContain('lambda_ = theta[0]');
    expect(emit(k, 'c')).toContain('double int_ = theta[1];');
    expect(emit(k, 'js')).toContain('let lambda = theta[0];');
  });

  it('a vector loop prints as NumPy slices and as an indexed loop elsewhere', () => {
    const i = kvar('i');
    const k: Kernel = {
      name: 'diffs', doc: 'd[i] = u[i + 1] - u[i - 1]', temps: [], outputs: [{ k: 'array', name: 'd', length: { size: 'n' }, intent: 'out' }],
      inputs: [{ k: 'array', name: 'u', length: { size: 'n' }, intent: 'in' }],
      body: [loop('i', 1, bin('-', kvar('n'), num(1)), [assign(index('d', i), bin('-', index('u', bin('+', i, num(1))), index('u', bin('-', i, num(1)))))], true)],
    };
    expect(emit(k, 'python')).toContain('d[1:n - 1] = u[2:n] - u[0:n - 2]');
    expect(emit(k, 'js')).toContain('for (let i = 1; i < n - 1; i++) {');
    expect(emit(k, 'c')).toContain('void diffs(const double *u, double *d, long n) {');
  });

  it('a row-major index base + i + c inside a vector loop prints as a NumPy slice', () => {
    const i = kvar('i'), j = kvar('j'), w = bin('+', kvar('nx'), num(2));
    const at = (array: string, dj: number, di: number) => index(array, iadd(bin('+', bin('*', iadd(j, dj), w), i), di));
    const k: Kernel = {
      name: 'rows', doc: 'd = u[j + 1][i] - u[j][i + 1]', temps: [], outputs: [{ k: 'array', name: 'd', length: { size: 'm' }, intent: 'out' }],
      inputs: [{ k: 'array', name: 'u', length: { size: 'm' }, intent: 'in' }, { k: 'scalar', name: 'nx', type: 'int' }, { k: 'scalar', name: 'ny', type: 'int' }],
      body: [loop('j', 0, kvar('ny'), [loop('i', 0, kvar('nx'), [assign(at('d', 0, 0), bin('-', at('u', 1, 0), at('u', 0, 1)))], true)])],
    };
    expect(emit(k, 'python')).toContain('d[j * (nx + 2):j * (nx + 2) + nx] = u[(j + 1) * (nx + 2):(j + 1) * (nx + 2) + nx] - u[j * (nx + 2) + 1:j * (nx + 2) + nx + 1]');
    expect(emit(k, 'c')).toContain('d[j * (nx + 2) + i] = u[(j + 1) * (nx + 2) + i] - u[j * (nx + 2) + i + 1];');
  });

  it('a vector loop refuses an index that is not base + i + constant', () => {
    const i = kvar('i');
    const k: Kernel = {
      name: 'bad', doc: 'reversed', temps: [], outputs: [{ k: 'array', name: 'd', length: { size: 'n' }, intent: 'out' }],
      inputs: [{ k: 'array', name: 'u', length: { size: 'n' }, intent: 'in' }],
      body: [loop('i', 0, kvar('n'), [assign(index('d', i), index('u', bin('-', kvar('n'), i)))], true)],
    };
    expect(() => emit(k, 'python')).toThrow(/not base \+ i \+ constant/);
  });
});
