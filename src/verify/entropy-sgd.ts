// Entropy-SGD on the line (Chaudhari et al., "Entropy-SGD: biasing gradient
// descent into wide valleys", Alg. 1), in the coupling convention of
// docs/theory.md §1: gamma = 1/t.
//   outer step k:  y <- x;  L inner SGLD steps on Lbar(y) + (y - x)^2/(2 t_k) at temperature T,
//                  mu = average of y over the last L - burnIn inner steps;
//                  x <- x - eta_outer (x - mu)/t_k        (a step along -p_hat(x, t_k))
//   scoping:       t_k = t_0 / (1 + gamma_1)^k  (Chaudhari's gamma_k = gamma_0 (1 + gamma_1)^k)
// Particles started on both sides of the predicted watershed separate when
// u(., t) has a shock there (p jumps from + to -), and meet when it has none.
import { seededRng } from '../util/random.js';
import type { LineGradient } from './problem.js';
import { chainSeed, sgldMean } from './sgld.js';

export interface EntropySgdConfig {
  readonly t0: number;
  readonly scoping: number;
  readonly outerSteps: number;
  readonly outerRate: number;
  readonly innerSteps: number;
  readonly innerBurnIn: number;
  readonly innerStepSize: number;
  readonly temperature: number;
}

/** The particle's path x_0, x_1, ..., x_K. */
export function entropySgdPath(g: LineGradient, x0: number, c: EntropySgdConfig, seed: number): number[] {
  const rng = seededRng(chainSeed(seed, 0x5e5, 0));
  const path = [x0];
  let x = x0;
  for (let k = 0; k < c.outerSteps; k++) {
    const t = c.t0 / (1 + c.scoping) ** k;
    const mu = sgldMean(g, x, t, c.innerStepSize, { temperature: c.temperature, steps: c.innerSteps - c.innerBurnIn, burnIn: c.innerBurnIn }, rng);
    x -= (c.outerRate * (x - mu)) / t;
    path.push(x);
  }
  return path;
}
