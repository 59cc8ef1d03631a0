// The generated Godunov kernel (burgers_godunov, built from the derived flux
// f = H) against the hand-written src/numerics/godunov.ts on the same grid and
// data: identical operations, so they agree to round-off (measured: bitwise equal
// for Burgers, 4.4e-16 relative for a non-quadratic H, whose f is evaluated by
// the printed kernel on one side and by the IR's `compile` on the other).
// Entropy: Riemann problems against the exact solution, the transonic fan included.
// Targets: C and Python/NumPy print of the same kernel agree with JS to 1e-10.
import { describe, it } from 'vitest';
import { godunovSolverKernel } from '../../../src/codegen/solvers/godunov.js';
import { uniformGrid } from '../../../src/numerics/index.js';
import { BURGERS, describeReferenceParity, describeRiemannProblems, expectTargetsAgree } from './parity.js';

describeReferenceParity('godunov');

describeRiemannProblems('godunov', [
  ['transonic rarefaction', -1, 1, 0.01], // measured L1 6.8e-3; an expansion shock would leave L1 ~ 1
  ['shock', 1, -0.5, 1e-3], // measured 4.8e-4
  ['rarefaction', 0.5, 1.5, 0.01], // measured 5.0e-3
]);

describe('burgers_godunov printed for C and Python/NumPy', () => {
  it('agrees with the in-process kernel to 1e-10', () => {
    const grid = uniformGrid(-3, 3, 120), p = new Float64Array(122);
    grid.x.forEach((x, i) => { p[i + 1] = x * x * x - x; });
    expectTargetsAgree(godunovSolverKernel(BURGERS), p, [grid.dx, 0.05, 0.5, 0.9]);
  });
});
