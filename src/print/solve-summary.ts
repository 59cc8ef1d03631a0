// Human-readable result of `solve`, next to what the derivation predicted.
import { breakingTimeText } from './breaking-time-text.js';
import type { ShockReport } from '../derivation/derivation.js';
import type { SolveResult } from '../pipeline/solve.js';
import { formatNumber as n } from './format-number.js';
import { SHOCK_WIDTH_FACTOR } from '../numerics/shock-detection.js';

export function solveSummary(r: SolveResult, predicted: ShockReport): string {
  const c = r.coordinate, x = r.variable;
  const where = c.metric === 'arc-length'
    ? `arc length ${x} of ${c.quotientVariable} (G = ${c.inverseMetric}, ${x} = 0 at ${c.quotientVariable} = ${n(c.anchor ?? 0)}; p = ${c.slope})`
    : x;
  const at = (s: SolveResult['shocks'][number]): string =>
    `${x} = ${n(s.location)}${s.quotientLocation !== undefined ? ` (${c.quotientVariable} = ${n(s.quotientLocation)})` : ''}`;
  return [
    `solved p_t + H(p)_x = nu p_xx with H(p) = ${r.hamiltonian} (read off the derived equation ${r.equation}) on ${where} in [${n(r.x[0])}, ${n(r.x[r.x.length - 1])}] (${r.grid} cells, ${r.scheme}, nu = ${n(r.viscosity)}) to t = ${n(r.time)}`,
    `line: ${c.origin.replace(/[$\\]/g, '')}`,
    `predicted: ${predicted.forms ? `shock from t* = ${breakingTimeText(predicted, n)} at ${c.quotientVariable ?? x} = ${n(predicted.location)}${predicted.regimeTime !== undefined ? `; at t = ${n(predicted.regimeTime)} the check found the regime ${predicted.regime} (a viscous front or none, by the criterion below)` : ''}` : 'no shock'}`,
    `${r.shocks.length ? `found ${r.shocks.length} shock(s)` : 'found no shock'} (a shock: a front at most ${SHOCK_WIDTH_FACTOR} (4 nu/[p] + 2 dx) thick with [p] >= 5% of the range of p)${r.shocks.length ? ':' : ''}`,
    ...r.shocks.map((s) => `  at ${at(s)}: p_L = ${n(s.left)}, p_R = ${n(s.right)}, Rankine-Hugoniot speed ${n(s.speed)}`),
    '',
  ].join('\n');
}

const seconds = (s: number): string => (s < 10 ? s.toFixed(1) : s.toFixed(0));

/** The progress line of a long solve (stderr, terminals only): t, the fraction done and the time left at the rate so far. */
export function solveProgress(t: number, time: number, elapsed: number): string {
  const done = time > 0 ? t / time : 1;
  const eta = done > 0 ? (elapsed * (1 - done)) / done : NaN;
  return `hugoniot: solve t = ${n(t)} of ${n(time)} (${Math.round(100 * done)}%), ${seconds(elapsed)} s, about ${Number.isFinite(eta) ? seconds(eta) : '?'} s left`;
}

/** One line after a solve: the time it took and the work done (steps x cells) against the estimate made before it started. */
export function solveTiming(r: SolveResult, elapsed: number): string {
  const work = r.scheme === 'cole-hopf'
    ? `${r.grid} cells x ${r.estimate.steps} quadrature points`
    : `${r.steps} steps x ${r.grid} cells (estimated at most ${r.estimate.steps} steps)`;
  return `hugoniot: solved in ${seconds(elapsed)} s (${r.scheme}, ${work})`;
}
