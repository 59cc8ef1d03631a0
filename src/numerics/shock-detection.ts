// Shocks in a numerical solution p(x) of p_t + f(p)_x = nu p_xx (uniform x).
// A shock is a steep drop (Lax, convex f: p decreases across it). Procedure:
//   1. slopes s_i = (p_{i+1} - p_{i-1}) / (2 dx); candidates are local minima
//      with s_i < 0, steepest first;
//   2. the front extends outwards while the slope stays below `edge` times the
//      candidate's (default 5%); left/right are the values just outside it;
//   3. accepted when the jump [p] = left - right is at least `minJump` and the
//      front is thin: its thickness [p]/|s_min| is at most `widthFactor` times
//      (viscous width 4 nu/[p] + 2 dx). The viscous profile
//      p = s - ([p]/2) tanh([p](x - s t)/(4 nu)) has thickness 8 nu/[p], a
//      captured inviscid shock about 2 dx, a smooth ramp before breaking far more.
// location: where p crosses (left + right)/2; speed: Rankine-Hugoniot from left, right.
import type { ConvexFlux } from './conservation-law.js';
import { rankineHugoniotSpeed } from './riemann-burgers.js';

export interface DetectedShock { readonly location: number; readonly left: number; readonly right: number; readonly speed: number }

export interface ShockDetectionOptions {
  /** Smallest jump reported; default 5% of the range of p. */
  readonly minJump?: number;
  /** Allowed thickness in units of (4 nu/[p] + 2 dx); default 3. */
  readonly widthFactor?: number;
  /** The front ends where |slope| falls below this fraction of its peak; default 0.05. */
  readonly edge?: number;
}

/** Default allowed thickness of a front in units of (4 nu/[p] + 2 dx): the one criterion for "a shock" (check's regime and solve). */
export const SHOCK_WIDTH_FACTOR = 3;

export function detectShocks(x: Float64Array, p: Float64Array, flux: ConvexFlux, nu = 0, o: ShockDetectionOptions = {}): DetectedShock[] {
  const n = p.length;
  if (n < 5) return [];
  const dx = x[1] - x[0];
  let pmin = Infinity, pmax = -Infinity;
  for (const v of p) { pmin = Math.min(pmin, v); pmax = Math.max(pmax, v); }
  const minJump = o.minJump ?? 0.05 * (pmax - pmin), widthFactor = o.widthFactor ?? SHOCK_WIDTH_FACTOR, edge = o.edge ?? 0.05;
  const s = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) s[i] = (p[i + 1] - p[i - 1]) / (2 * dx);
  const candidates: number[] = [];
  for (let i = 1; i < n - 1; i++) if (s[i] < 0 && s[i] <= s[i - 1] && s[i] < s[i + 1]) candidates.push(i);
  candidates.sort((a, b) => s[a] - s[b]);
  const claimed = new Uint8Array(n), shocks: DetectedShock[] = [];
  for (const c of candidates) {
    if (claimed[c]) continue;
    const cut = edge * s[c];
    let j = c, k = c;
    while (j > 1 && s[j - 1] < cut) j--;
    while (k < n - 2 && s[k + 1] < cut) k++;
    const l = j - 1, r = k + 1, left = p[l], right = p[r], jump = left - right;
    if (!(jump >= minJump) || jump <= 0) continue;
    const thickness = jump / -s[c], allowed = widthFactor * ((4 * nu) / jump + 2 * dx);
    if (thickness > allowed) continue;
    claimed.fill(1, l, r + 1);
    const mid = 0.5 * (left + right);
    let m = l;
    while (m < r && !(p[m] >= mid && p[m + 1] < mid)) m++;
    const location = m < r ? x[m] + ((p[m] - mid) / (p[m] - p[m + 1])) * dx : x[c];
    shocks.push({ location, left, right, speed: rankineHugoniotSpeed(flux, left, right) });
  }
  return shocks.sort((a, b) => a.location - b.location);
}
