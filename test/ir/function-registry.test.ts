// The function registry (src/ir/functions.ts) checked entry by entry against
// independent references: each function's symbolic derivative against central
// differences of its value; each activation's sigma' and sigma'' (in numbers,
// IR expressions and kernel expressions) against differences of sigma; and
// each code-generation spelling, run in its own language, against the value.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../src/codegen/compile-js.js';
import { assign, index, type Kernel } from '../../src/codegen/kernel-ir.js';
import { KERNEL_ALGEBRA } from '../../src/codegen/tensor-mlp.js';
import { sym } from '../../src/ir/build.js';
import { evaluate } from '../../src/ir/evaluate.js';
import {
  ACTIVATION_SPECS, ACTIVATIONS, activationValue, codeHelpers, codeSpellings, EXPRESSIONS, FUNCTIONS, NON_SMOOTH, NotDifferentiable, NUMBERS,
  type Activation, type CodeFn, type FnName,
} from '../../src/ir/functions.js';
import { seededRng } from '../../src/util/random.js';
import { available, tools } from '../codegen/run-target.js';

const SLOPE = 0.1;
const fnNames = Object.keys(FUNCTIONS) as FnName[];
const codeFns = fnNames.filter((f): f is CodeFn => f !== 'dirac');
/** Seeded points away from the kinks at 0 (and positive for log). */
const points = (fn: string, seed = 3): number[] => {
  const rng = seededRng(seed);
  return Array.from({ length: 12 }, () => {
    const z = rng.uniform(-3, 3);
    const away = Math.abs(z) < 0.05 ? z + 0.1 : z;
    return fn === 'log' ? Math.abs(away) : away;
  });
};
const argsAt = (fn: FnName, z: number): number[] => (FUNCTIONS[fn].arity === 2 ? [z, SLOPE] : [z]);
/** Central difference with its error scale (h^2 f''' ~ 1e-10 here). */
const fd = (f: (z: number) => number, z: number, h = 1e-5): number => (f(z + h) - f(z - h)) / (2 * h);

describe('each function: derivative vs central differences of its value', () => {
  it.each(fnNames.filter((f) => f !== 'dirac'))('%s', (fn) => {
    const spec = FUNCTIONS[fn];
    const args = spec.arity === 2 ? [sym('z'), sym('a')] : [sym('z')];
    const d = spec.derivative(...args);
    for (const z of points(fn)) {
      const env = { z, a: SLOPE };
      const symbolic = evaluate(d, env);
      const numeric = fd((x) => spec.eval(...argsAt(fn, x)), z);
      expect(Math.abs(symbolic - numeric), `${fn}'(${z})`).toBeLessThan(1e-7 * (1 + Math.abs(numeric)));
    }
  });

  it('dirac has no derivative the engine represents', () => {
    expect(() => FUNCTIONS.dirac.derivative(sym('z'))).toThrow(NotDifferentiable);
  });

  it('the non-smooth set is what the values show: a kink or jump at 0', () => {
    const kinkAt0 = (fn: FnName) => {
      if (fn === 'dirac') return true;
      const f = (z: number) => FUNCTIONS[fn].eval(...argsAt(fn, z));
      const left = fd(f, -1e-3, 1e-4), right = fd(f, 1e-3, 1e-4);
      return Math.abs(right - left) > 1e-2 || Math.abs(f(1e-9) - f(-1e-9)) > 1e-3;
    };
    expect([...NON_SMOOTH].sort()).toEqual(fnNames.filter((f) => f !== 'log' && kinkAt0(f)).sort());
  });
});

describe('each activation: sigma, sigma\' and sigma\'\' in every algebra', () => {
  const value = (act: Activation) => (z: number) => activationValue(NUMBERS, act, z, SLOPE);
  const first = (act: Activation) => (z: number) => ACTIVATION_SPECS[act].first(NUMBERS, z, value(act)(z), SLOPE) ?? 1;
  const second = (act: Activation) => (z: number) => ACTIVATION_SPECS[act].second(NUMBERS, z, value(act)(z), SLOPE) ?? 0;

  it.each(ACTIVATIONS)('%s', (act) => {
    for (const z of points(act)) {
      expect(Math.abs(first(act)(z) - fd(value(act), z)), `${act}'(${z})`).toBeLessThan(1e-8);
      expect(Math.abs(second(act)(z) - fd(first(act), z)), `${act}''(${z})`).toBeLessThan(1e-7);
      // the IR's own derivative of sigma(z) (src/ir/diff.ts via FUNCTIONS) agrees with the activation's sigma'
      const spec = ACTIVATION_SPECS[act];
      if (spec.fn) {
        const irFirst = FUNCTIONS[spec.fn].derivative(...(FUNCTIONS[spec.fn].arity === 2 ? [sym('z'), sym('a')] : [sym('z')]));
        expect(evaluate(irFirst, { z, a: SLOPE })).toBeCloseTo(first(act)(z), 12);
      }
      // the same formulas as IR expressions and as compiled kernel expressions
      const zs = sym('z'), slope = EXPRESSIONS.num(SLOPE);
      const aIR = activationValue(EXPRESSIONS, act, zs, slope);
      expect(evaluate(aIR, { z })).toBeCloseTo(value(act)(z), 14);
      const dIR = spec.first(EXPRESSIONS, zs, aIR, slope);
      expect(dIR ? evaluate(dIR, { z }) : 1).toBeCloseTo(first(act)(z), 14);
      const kz = index('in', 0), kslope = KERNEL_ALGEBRA.num(SLOPE);
      const ka = activationValue(KERNEL_ALGEBRA, act, kz, kslope);
      const parts = [ka, spec.first(KERNEL_ALGEBRA, kz, ka, kslope) ?? KERNEL_ALGEBRA.num(1), spec.second(KERNEL_ALGEBRA, kz, ka, kslope) ?? KERNEL_ALGEBRA.num(0)];
      const kernel: Kernel = {
        name: 'act', doc: 'sigma, its first and second derivative',
        inputs: [{ k: 'array', name: 'in', length: 1, intent: 'in' }], outputs: [{ k: 'array', name: 'out', length: 3, intent: 'out' }], temps: [],
        body: parts.map((p, i) => assign(index('out', i), p)),
      };
      const out = new Float64Array(3);
      compileJs<(x: Float64Array, o: Float64Array) => void>(kernel)(Float64Array.of(z), out);
      expect([...out]).toEqual([value(act)(z), first(act)(z), second(act)(z)]);
    }
  });
});

/** The scalar values each code function takes at its points, as the reference. */
const cases = codeFns.flatMap((fn) => points(fn, 11).slice(0, 4).concat([0]).filter((z) => fn !== 'log' || z > 0).map((z) => ({ fn, args: argsAt(fn, z), value: FUNCTIONS[fn].eval(...argsAt(fn, z)) })));
const spell = (template: string, args: readonly string[]): string => template.replace(/\$(\d)/g, (_, i) => args[Number(i)]);
const close = (got: number, want: number) => Math.abs(got - want) <= 1e-13 * (1 + Math.abs(want));

describe('each spelling, run in its language, gives the registry value', () => {
  it('js', () => {
    const spellings = codeSpellings('js'), helpers = Object.values(codeHelpers('js')).join('\n');
    for (const c of cases) {
      const got = new Function(`${helpers}\nreturn ${spell(spellings[c.fn], c.args.map((x) => `(${x.toPrecision(17)})`))};`)() as number;
      expect(close(got, c.value), `${c.fn}(${c.args}) = ${got}, expected ${c.value}`).toBe(true);
    }
  });

  const python = (flavour: 'python' | 'numpy' | 'torch'): number[] => {
    const spellings = codeSpellings(flavour);
    const helpers = Object.values(codeHelpers(flavour === 'numpy' ? 'python' : flavour)).join('\n');
    const arg = (x: number) => (flavour === 'torch' ? `torch.tensor(${x.toPrecision(17)}, dtype=torch.float64)` : flavour === 'numpy' ? `np.float64(${x.toPrecision(17)})` : x.toPrecision(17));
    const lines = cases.map((c) => `print(repr(float(${spell(spellings[c.fn], c.args.map(arg))})))`);
    const dir = mkdtempSync(join(tmpdir(), `registry-${flavour}-`));
    const file = join(dir, 'check.py');
    writeFileSync(file, ['import math', 'import numpy as np', ...(flavour === 'torch' ? ['import torch'] : []), helpers, ...lines].join('\n') + '\n');
    return execFileSync('python3', [file]).toString().trim().split('\n').map(Number);
  };
  it.each(['python', 'numpy'] as const)('%s', (flavour) => {
    if (!available('python')) return;
    const got = python(flavour);
    cases.forEach((c, i) => expect(close(got[i], c.value), `${flavour} ${c.fn}(${c.args}) = ${got[i]}, expected ${c.value}`).toBe(true));
  });
  it.skipIf(!tools.torch)('torch', () => {
    const got = python('torch');
    cases.forEach((c, i) => expect(close(got[i], c.value), `torch ${c.fn}(${c.args}) = ${got[i]}`).toBe(true));
  });

  it('c', () => {
    if (!available('c')) return;
    const spellings = codeSpellings('c'), helpers = Object.values(codeHelpers('c')).join('\n');
    const lines = cases.map((c) => `  printf("%.17g\\n", (double)(${spell(spellings[c.fn], c.args.map((x) => `(${x.toPrecision(17)})`))}));`);
    const dir = mkdtempSync(join(tmpdir(), 'registry-c-'));
    writeFileSync(join(dir, 'check.c'), ['#include <math.h>', '#include <stdio.h>', helpers, 'int main(void) {', ...lines, '  return 0;', '}'].join('\n') + '\n');
    execFileSync('cc', ['-O2', '-std=c99', '-Wall', '-Wno-unused-function', '-o', join(dir, 'check'), join(dir, 'check.c'), '-lm'], { stdio: 'pipe' });
    const got = execFileSync(join(dir, 'check')).toString().trim().split('\n').map(Number);
    cases.forEach((c, i) => expect(close(got[i], c.value), `c ${c.fn}(${c.args}) = ${got[i]}, expected ${c.value}`).toBe(true));
  });
});
