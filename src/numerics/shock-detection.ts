// Shocks in a numerical solution p(x) (Lax: p drops across a shock). The drop
// D_i = p_{i-h} - p_{i+h} is measured over a window wider than the viscous
// width (h = max(2, ceil(8 nu / dx)) cells); a shock is a local maximum of D
// above `minJump`. left/right are read just outside the front (i -+ 2h), the
// location is where p crosses their mean, the speed is Rankine-Hugoniot.
import { rankineHugoniotSpeed, type ConvexFlux } from './conservation-law.js';

export interface DetectedShock { readonly location: number; readonly left: number; readonly right: number; readonly speed: number }

export function detectShocks(x: Float64Array, p: Float64Array, flux: ConvexFlux, nu = 0, minJump = 0.5): DetectedShock[] {
  const n = p.length, dx = x[1] - x[0];
  const h = Math.max(2, Math.ceil((8 * nu) / dx));
  const D = new Float64Array(n);
  for (let i = h; i < n - h; i++) D[i] = p[i - h] - p[i + h];
  const shocks: DetectedShock[] = [];
  let last = -Infinity;
  for (let i = h; i < n - h; i++) {
    if (D[i] <= minJump || D[i] < D[i - 1] || D[i] < D[i + 1] || i - last < 2 * h) continue;
    last = i;
    const l = Math.max(0, i - 2 * h), r = Math.min(n - 1, i + 2 * h);
    const left = p[l], right = p[r], mid = 0.5 * (left + right);
    let k = l;
    while (k < r && !(p[k] >= mid && p[k + 1] < mid)) k++;
    const location = k < r ? x[k] + ((p[k] - mid) / (p[k] - p[k + 1])) * dx : x[i];
    shocks.push({ location, left, right, speed: rankineHugoniotSpeed(flux, left, right) });
  }
  return shocks;
}
