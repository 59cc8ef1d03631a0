// Every parameter name the spec accepts exports to code that compiles and
// computes the same numbers in every target: names that are reserved words,
// builtins, macros (C), strict-mode words (JS/TS), or that collide with another
// name's mangled spelling ([int, int_]). Each target's file is built and run
// (node for js and ts, python3 + NumPy, cc) and compared with the IR evaluated
// in-process (src/ir/evaluate.ts), which knows nothing about target spellings.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cDriver, jsDriver, pythonDriver } from '../../src/codegen/drivers.js';
import { emitParts } from '../../src/codegen/emit.js';
import type { Kernel } from '../../src/codegen/kernel-ir.js';
import { lowerGradient, lowerScalar } from '../../src/codegen/lower.js';
import { kernelNames, namingFor } from '../../src/codegen/printer.js';
import { TARGETS } from '../../src/codegen/targets/index.js';
import { add, call, mul, num, pow, sym } from '../../src/ir/build.js';
import { gradient } from '../../src/ir/diff.js';
import { compileMany } from '../../src/ir/evaluate.js';
import { available, maxRelativeError, stdinFor } from './run-target.js';

const NAME_SETS: readonly (readonly string[])[] = [
  ['int', 'int_', 'int_2'],
  ['lambda', 'lambda_'],
  ['class', 'return', 'import', 'await', 'print', 'print_'],
  ['NAN', 'INFINITY', 'HUGE_VAL', 'EOF', 'NULL', 'NULL_'],
  ['asm', 'typeof', 'errno', 'stdin'],
  ['await', 'package', 'static', 'public', 'private', 'protected', 'interface', 'implements'],
  ['theta', 'theta_', 'out', 't0', 'i', 'n'],
  ['hg_sign', 'hg_sign_', 'Math', 'np', 'math', 'len', 'range', 'sum', 'Float64Array'],
];

/** A loss in which every parameter enters differently (its own coefficient, a coupling, a sign). */
function lossOf(names: readonly string[]) {
  const p = names.map(sym);
  return add(
    ...p.map((x, k) => mul(num(k + 1), pow(x, 2))),
    ...p.map((x, k) => mul(num(k + 2, 3), x, p[(k + 1) % p.length])),
    call('sin', p[0]),
    call('sign', p[p.length - 1]),
  );
}

type Run = (kernel: string, input: string) => number[];
const numbers = (s: string): number[] => s.trim().split(/\s+/).map(Number);

function build(kernels: readonly Kernel[], target: 'js' | 'ts' | 'python' | 'c'): Run {
  const dir = mkdtempSync(join(tmpdir(), `hugoniot-naming-${target}-`));
  const m = emitParts(kernels, target);
  const code = [m.helpers, m.kernels].filter((s) => s.length > 0).join('\n');
  if (target === 'c') {
    const file = join(dir, 'k.c');
    writeFileSync(file, `${m.prelude}\n\n${code}${cDriver(kernels)}`);
    execFileSync('cc', ['-O2', '-std=c99', '-Wall', '-Werror', '-o', join(dir, 'k'), file, '-lm'], { stdio: 'pipe' });
    return (k, input) => numbers(execFileSync(join(dir, 'k'), [k], { input }).toString());
  }
  if (target === 'python') {
    const file = join(dir, 'k.py');
    writeFileSync(file, `${m.prelude}\n\n\n${code}${pythonDriver(kernels)}`);
    return (k, input) => numbers(execFileSync('python3', [file, k], { input }).toString());
  }
  let source = `${code}${jsDriver(kernels, target === 'ts')}`;
  if (target === 'ts') {
    // The TypeScript file must be valid TypeScript (syntax, in a module); then it runs as its JavaScript.
    const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, strict: true } });
    expect((out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    source = out.outputText;
  }
  // .mjs: an ES module, strict mode, where await, static, package, ... are reserved.
  const file = join(dir, 'k.mjs');
  writeFileSync(file, source);
  return (k, input) => numbers(execFileSync('node', [file, k], { input }).toString());
}

describe('identifiers in generated code: one injective spelling per target', () => {
  it.each(Object.keys(TARGETS))('%s: distinct names never share a spelling, and no spelling is reserved', (target) => {
    const t = TARGETS[target as keyof typeof TARGETS];
    for (const names of NAME_SETS) {
      const k = lowerScalar('loss', lossOf(names), names);
      const all = kernelNames(k);
      const spell = namingFor(t, all);
      const spelled = all.map(spell);
      expect(new Set(spelled).size, `${target}: ${all.join(', ')} -> ${spelled.join(', ')}`).toBe(all.length);
      for (const s of spelled) expect(t.reserved.has(s) || (t.reservedPattern?.test(s) ?? false), `${target}: ${s}`).toBe(false);
    }
  });

  it.each(['js', 'ts', 'python', 'c'] as const)('%s: every name set exports, builds and agrees with the IR (1e-12)', (target) => {
    if ((target === 'python' || target === 'c') && !available(target)) return;
    for (const names of NAME_SETS) {
      const L = lossOf(names);
      const kernels = [lowerScalar('loss', L, names), lowerGradient('grad', L, names)];
      const run = build(kernels, target);
      const reference = compileMany([L, ...gradient(L, names)], names);
      for (const seed of [1, 2]) {
        const theta = Float64Array.from(names, (_, i) => Math.sin(seed * 7.3 + i * 1.9) * 1.5);
        const expected = new Float64Array(names.length + 1);
        reference(theta, expected);
        const got = [...run('loss', stdinFor(kernels[0], [theta])), ...run('grad', stdinFor(kernels[1], [theta]))];
        expect(maxRelativeError(got, expected), `${target} with parameters ${names.join(', ')}`).toBeLessThan(1e-12);
      }
    }
  }, 120_000);
});
