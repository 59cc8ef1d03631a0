// The SGD temperature and the viscosity nu = T/2 (docs/theory.md §1). From the spec
// when given; else T = lr tr(Sigma) / (2 batch n) with Sigma the per-sample
// gradient covariance at the initialisation.
import type { TrainingSpec } from '../spec/types.js';

export interface Viscosity {
  readonly temperature: number;
  readonly nu: number;
  readonly source: 'spec' | 'estimated';
  readonly formulaTex: string;
}

/** Trace of the unbiased sample covariance of per-sample gradients (rows). */
export function gradientCovarianceTrace(grads: readonly (readonly number[])[]): number {
  const N = grads.length, n = grads[0]?.length ?? 0;
  if (N < 2) return 0;
  let trace = 0;
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (const g of grads) mean += g[i] / N;
    let v = 0;
    for (const g of grads) v += (g[i] - mean) ** 2;
    trace += v / (N - 1);
  }
  return trace;
}

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

export function viscosityFromTraining(training: TrainingSpec, cov?: { trace: number; parameterCount: number }): Viscosity {
  if (training.temperature !== undefined) {
    const T = training.temperature;
    return { temperature: T, nu: T / 2, source: 'spec', formulaTex: `\\nu = \\frac{1}{2\\beta} = \\frac{T}{2} = \\frac{${fmt(T)}}{2} = ${fmt(T / 2)}\\ \\text{(temperature from the spec)}` };
  }
  if (!cov) throw new Error('viscosityFromTraining: no temperature and no gradient covariance');
  const T = (training.lr * cov.trace) / (2 * training.batch * cov.parameterCount);
  return {
    temperature: T, nu: T / 2, source: 'estimated',
    formulaTex: `T = \\frac{\\eta\\,\\mathrm{tr}\\,\\Sigma}{2 B n} = \\frac{${fmt(training.lr)} \\cdot ${fmt(cov.trace)}}{2 \\cdot ${training.batch} \\cdot ${cov.parameterCount}} = ${fmt(T)},\\quad \\nu = T/2 = ${fmt(T / 2)}\\ \\text{(}\\Sigma\\text{: per-sample gradient covariance at the seeded initialisation)}`,
  };
}
