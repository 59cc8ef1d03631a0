// Human-readable result of `solve`, next to what the derivation predicted.
import type { ShockReport } from '../derivation/derivation.js';
import type { SolveResult } from '../pipeline/solve.js';
import { formatNumber as n } from './format-number.js';

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
    `predicted: ${predicted.forms ? `shock from t* = ${n(predicted.time)} at ${c.quotientVariable ?? x} = ${n(predicted.location)}` : 'no shock'}`,
    r.shocks.length ? `found ${r.shocks.length} shock(s):` : 'found no shock',
    ...r.shocks.map((s) => `  at ${at(s)}: p_L = ${n(s.left)}, p_R = ${n(s.right)}, Rankine-Hugoniot speed ${n(s.speed)}`),
    '',
  ].join('\n');
}
