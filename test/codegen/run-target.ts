// Test harness: print kernels for a target with the generic driver, build them
// (cc for C) in a temporary directory and run one kernel on given inputs.
// Tools that are missing make a target unavailable, except under CI where
// every target must run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cDriver, pythonDriver } from '../../src/codegen/drivers.js';
import { emitParts } from '../../src/codegen/emit.js';
import { signatureArrays, signatureScalars, type Kernel } from '../../src/codegen/kernel-ir.js';

export const tools = {
  cc: spawnSync('cc', ['--version']).status === 0,
  numpy: spawnSync('python3', ['-c', 'import numpy']).status === 0,
  torch: spawnSync('python3', ['-c', 'import torch']).status === 0,
};
export const underCi = Boolean(process.env.CI);

/** Whether an external target can run; says why not (and fails under CI, where it must). */
export function available(target: 'c' | 'python' | 'torch'): boolean {
  const ok = target === 'c' ? tools.cc : target === 'python' ? tools.numpy : tools.torch;
  if (!ok && target !== 'torch' && underCi) throw new Error(`${target === 'c' ? 'a C compiler (cc)' : 'python3 with NumPy'} is required under CI`);
  if (!ok) console.warn(`skipping the ${target} target: ${target === 'c' ? 'cc' : target === 'python' ? 'python3 with NumPy' : 'python3 with torch'} not found`);
  return ok;
}

export type Input = Float64Array | number;

/** The driver's input format: each input array as length then values, then the scalars. */
export function stdinFor(k: Kernel, inputs: readonly Input[]): string {
  const arrays = signatureArrays(k).filter((a) => a.intent === 'in' || a.intent === 'inout');
  const scalars = signatureScalars(k);
  if (inputs.length !== arrays.length + scalars.length) throw new Error(`kernel ${k.name} takes ${arrays.length} arrays and ${scalars.length} scalars`);
  return inputs.map((x) => (typeof x === 'number' ? x.toPrecision(17) : `${x.length} ${[...x].map((v) => v.toPrecision(17)).join(' ')}`)).join('\n') + '\n';
}

export type Runner = (kernel: string, inputs: readonly Input[]) => number[];

/** Build a program holding `kernels` for C or Python (NumPy); returns a runner. */
export function buildProgram(kernels: readonly Kernel[], target: 'c' | 'python'): Runner {
  const dir = mkdtempSync(join(tmpdir(), `hugoniot-codegen-${target}-`));
  const m = emitParts(kernels, target);
  const byName = new Map(kernels.map((k) => [k.name, k] as const));
  const parse = (s: string): number[] => s.trim().split(/\s+/).filter((x) => x !== '').map(Number);
  if (target === 'c') {
    const file = join(dir, 'kernels.c');
    writeFileSync(file, `${m.prelude}\n\n${m.helpers}\n${m.kernels}${cDriver(kernels)}`);
    execFileSync('cc', ['-O2', '-std=c99', '-Wall', '-o', join(dir, 'kernels'), file, '-lm'], { stdio: 'pipe' });
    return (name, inputs) => parse(execFileSync(join(dir, 'kernels'), [name], { input: stdinFor(byName.get(name)!, inputs) }).toString());
  }
  const file = join(dir, 'kernels.py');
  writeFileSync(file, `${m.prelude}\n\n\n${m.helpers}\n${m.kernels}${pythonDriver(kernels)}`);
  return (name, inputs) => parse(execFileSync('python3', [file, name], { input: stdinFor(byName.get(name)!, inputs) }).toString());
}

/** |a - b| <= tol (1 + |b|), elementwise, with a message naming the component. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}
