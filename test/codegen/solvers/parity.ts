// Running one generated solver kernel everywhere: in-process JS (compile-js) and,
// through the generic driver (run-target.ts), C (cc -O2) and Python/NumPy.
// Each returns [steps, ...the inout array], so the targets compare number for number.
import { expect } from 'vitest';
import { compileJs } from '../../../src/codegen/compile-js.js';
import { signatureArrays, signatureScalars, type Kernel } from '../../../src/codegen/kernel-ir.js';
import { available, buildProgram, maxRelativeError } from '../run-target.js';

/** The kernel in-process: the state array (copied), scratch of the same length, then the scalars. */
export function runInProcess(k: Kernel, state: Float64Array, scalars: readonly number[]): number[] {
  const arrays = signatureArrays(k);
  if (arrays[0].intent !== 'inout' || arrays.slice(1).some((a) => a.intent !== 'scratch')) throw new Error(`${k.name}: expected one inout array then scratch arrays`);
  if (scalars.length !== signatureScalars(k).length) throw new Error(`${k.name} takes ${signatureScalars(k).length} scalars`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const f = compileJs<(...a: any[]) => number>(k);
  const p = state.slice();
  const steps = f(p, ...arrays.slice(1).map(() => new Float64Array(p.length)), ...scalars);
  return [steps, ...p];
}

/** C and Python (when available) agree with the in-process kernel to `tol` (relative, |a - b| <= tol (1 + |b|)). */
export function expectTargetsAgree(k: Kernel, state: Float64Array, scalars: readonly number[], tol = 1e-10): { c?: number; python?: number } {
  const js = runInProcess(k, state, scalars);
  const measured: { c?: number; python?: number } = {};
  for (const target of ['c', 'python'] as const) {
    if (!available(target)) continue;
    const out = buildProgram([k], target)(k.name, [state, ...scalars]);
    measured[target] = maxRelativeError(out, js);
    expect(measured[target], `${k.name} in ${target} vs in-process JS`).toBeLessThan(tol);
  }
  return measured;
}
