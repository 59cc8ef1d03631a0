// Human-readable result of `solve`, next to what the derivation predicted.
import type { ShockReport } from '../derivation/derivation.js';
import type { SolveResult } from '../pipeline/solve.js';
import { formatNumber as n } from './format-number.js';

export function solveSummary(r: SolveResult, predicted: ShockReport): string {
  return [
    `solved p_t + p p_x = nu p_xx on ${r.variable} in [${n(r.x[0])}, ${n(r.x[r.x.length - 1])}] (${r.grid} cells, ${r.scheme}, nu = ${n(r.viscosity)}) to t = ${n(r.time)}`,
    `predicted: ${predicted.forms ? `shock from t* = ${n(predicted.time)} at x* = ${n(predicted.location)}` : 'no shock'}`,
    r.shocks.length ? `found ${r.shocks.length} shock(s):` : 'found no shock',
    ...r.shocks.map((s) => `  at ${r.variable} = ${n(s.location)}: p_L = ${n(s.left)}, p_R = ${n(s.right)}, Rankine-Hugoniot speed ${n(s.speed)}`),
    '',
  ].join('\n');
}
