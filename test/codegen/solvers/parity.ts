// Running one generated solver kernel everywhere: in-process JS (compile-js) and,
// through the generic driver (run-target.ts), C (cc -O2) and Python/NumPy.
// Each returns [steps, ...the inout array], so the targets compare number for number.
import { describe, expect, it } from 'vitest';
import { compileJs } from '../../../src/codegen/compile-js.js';
import { generatedSolver1D } from '../../../src/codegen/generated-solver.js';
import { parseExpr } from '../../../src/ir/parse.js';
import { burgersFlux, convexFluxFromExpr, riemannSolution, solveBurgers1D, uniformGrid } from '../../../src/numerics/index.js';
import { l1 } from '../../numerics/helpers.js';
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

export const BURGERS = parseExpr('p^2/2');
/** Convex, not quadratic, sonic point -1/sqrt(3) (the entropy fix away from 0). */
export const SKEWED = parseExpr('sqrt(1 + p^2) + p/2');

/**
 * The generated conservation-law kernel of `scheme` against the hand-written
 * src/numerics solver on the same grid and data (double well p0 = x^3 - x,
 * outflow): same step count, agreement to round-off.
 */
export function describeReferenceParity(scheme: 'godunov' | 'weno5'): void {
  describe(`burgers_${scheme} vs src/numerics (same grid and data, outflow)`, () => {
    it.each([
      ['Burgers, double well p0 = x^3 - x, nu = 0.05, t = 1', BURGERS, 0.05, 1, 1e-12],
      ['Burgers, nu = 0.01, t = 2 (stationary shock at 0)', BURGERS, 0.01, 2, 1e-12],
      ['H = sqrt(1 + p^2) + p/2, nu = 0.02, t = 1', SKEWED, 0.02, 1, 1e-13],
    ] as const)('%s', (_, H, nu, time, tol) => {
      const grid = uniformGrid(-3, 3, 300);
      const p0 = Float64Array.from(grid.x, (x) => x * x * x - x);
      const generated = generatedSolver1D(H, scheme)(p0, { dx: grid.dx, nu, time });
      const reference = solveBurgers1D({ grid, p0, time, nu, flux: H === BURGERS ? burgersFlux : convexFluxFromExpr(H, 'p'), bc: 'outflow', scheme });
      expect(generated.steps).toBe(reference.steps);
      expect(maxRelativeError(generated.p, reference.p)).toBeLessThan(tol);
    });
  });
}

/**
 * Entropy solutions: the generated `scheme` on Burgers Riemann problems (800 cells on
 * [-1, 1], nu = 0, t = 0.5) against the exact solution, L1 error below each case's tolerance.
 */
export function describeRiemannProblems(scheme: 'godunov' | 'weno5' | 'godunov-imex' | 'weno5-imex', cases: readonly (readonly [string, number, number, number])[]): void {
  describe('entropy solution of Riemann problems (800 cells, t = 0.5)', () => {
    it.each(cases)('%s (%d, %d): L1 error below %d', (_, pL, pR, tol) => {
      const grid = uniformGrid(-1, 1, 800);
      const { p } = generatedSolver1D(BURGERS, scheme)(Float64Array.from(grid.x, (x) => (x < 0 ? pL : pR)), { dx: grid.dx, nu: 0, time: 0.5 });
      expect(l1(p, Float64Array.from(grid.x, (x) => riemannSolution(burgersFlux, pL, pR, x / 0.5)), grid.dx)).toBeLessThan(tol);
    });
  });
}
