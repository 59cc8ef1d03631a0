// SGLD on the line, for the local-entropy gradient identity (docs/theory.md §1, §5):
//   y ~ exp(-[Lbar(y) + (y - x)^2 / (2t)] / T),  T = 2 nu,   p(x, t) = u_x(x, t) = (x - E[y]) / t
// Euler-Maruyama: y <- y - eta (g(y) + (y - x)/t) + sqrt(2 eta T) xi, xi ~ N(0, 1),
// g the (minibatch) gradient along the line. Each chain starts at y = x, discards
// `burnIn` steps and averages the next `steps`; independent chains give the
// Monte-Carlo standard error.
import { seededRng, type Rng } from '../util/random.js';
import type { LineGradient } from './problem.js';

export interface ChainSettings {
  readonly temperature: number;
  readonly steps: number;
  readonly burnIn: number;
}

/** Step size at scale t: a fixed fraction of the stiffest rate 1/t + K (K = max |Lbar''| near the probes). */
export const sgldStepSize = (t: number, curvature: number, fraction: number): number => fraction / (1 / t + curvature);

/** Time average of y along one chain at probe (x, t). */
export function sgldMean(g: LineGradient, x: number, t: number, eta: number, c: ChainSettings, rng: Rng): number {
  const noise = Math.sqrt(2 * eta * c.temperature);
  let y = x, sum = 0;
  for (let k = 0; k < c.burnIn + c.steps; k++) {
    y -= eta * (g.noisy(y, rng) + (y - x) / t);
    y += noise * rng.normal();
    if (k >= c.burnIn) sum += y;
  }
  return sum / c.steps;
}

/** A 32-bit seed for chain k at scale index j (the same for every probe x: common random numbers across x). */
export const chainSeed = (seed: number, chain: number, scale: number): number =>
  (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(chain + 1, 0xc2b2ae35) + Math.imul(scale + 1, 0x27d4eb2f)) >>> 0;

/**
 * One chain's time averages at every probe: means[j][i] for scale ts[j] and point xs[i].
 * The generator restarts from chainSeed(seed, chain, j) at every x, so the
 * difference of two neighbouring probes has far less noise than either.
 */
export function chainMeans(g: LineGradient, xs: readonly number[], ts: readonly number[], etas: readonly number[], c: ChainSettings, seed: number, chain: number): number[][] {
  return ts.map((t, j) => xs.map((x) => sgldMean(g, x, t, etas[j], c, seededRng(chainSeed(seed, chain, j)))));
}
