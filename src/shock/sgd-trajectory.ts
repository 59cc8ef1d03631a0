// The reference SGD trajectory of a network spec: minibatch SGD (samples drawn
// with replacement) on the network's loss, gradients by back-propagation on
// the tensor route (network-numerics.ts), from a seeded initialisation
// W ~ N(0, 1/fan_in), b = 0. Deterministic for a given seed. A run whose
// parameters or loss blow up is reported as diverged, with the step.
import type { Model } from '../architecture/model.js';
import { seededRng } from '../util/random.js';
import { modelNumerics, type NetworkNumerics } from './network-numerics.js';

export interface Trajectory {
  /** Snapshots theta_k (every `every` steps, first and last included) with the full-batch loss there. */
  readonly snapshots: readonly { readonly step: number; readonly theta: Float64Array; readonly loss: number }[];
  /** Set when SGD diverged: the first step at which theta or the loss stopped being finite or the loss exceeded 1e6 (1 + L(theta_0)). */
  readonly diverged?: { readonly step: number; readonly loss: number };
}

export function initialParameters(model: Model, seed: number): Float64Array {
  const rng = seededRng(seed);
  const theta = new Float64Array(model.parameters.length);
  const index = new Map(model.parameters.map((p, i) => [p, i] as const));
  if (model.layers.length === 0) {
    theta.forEach((_, i) => { theta[i] = rng.normal(); });
    return theta;
  }
  for (const layer of model.layers) {
    const fanIn = layer.weights[0]?.length ?? 1;
    for (const row of layer.weights) for (const w of row) theta[index.get(w)!] = rng.normal() / Math.sqrt(fanIn);
  }
  return theta;
}

/** Per-sample gradient functions of a network (back-propagation on one sample). */
export function sampleGradients(model: Model, net: NetworkNumerics = modelNumerics(model)): ((theta: Float64Array, out: Float64Array) => void)[] {
  return Array.from({ length: net.samples }, (_, d) => (theta: Float64Array, out: Float64Array) => net.gradient(theta, out, [d]));
}

/** Growth of the loss over its initial value that counts as divergence. */
export const DIVERGENCE_FACTOR = 1e6;

export function sgdTrajectory(model: Model, opts: { lr: number; batch: number; steps: number; seed: number; snapshots: number }, net: NetworkNumerics = modelNumerics(model)): Trajectory {
  const n = net.n;
  const theta = initialParameters(model, opts.seed);
  const rng = seededRng(opts.seed + 1);
  const g = new Float64Array(n);
  const every = Math.max(1, Math.floor(opts.steps / opts.snapshots));
  const loss0 = net.loss(theta);
  const bound = DIVERGENCE_FACTOR * (1 + Math.abs(loss0));
  const snapshots = [{ step: 0, theta: theta.slice(), loss: loss0 }];
  const rows = new Array<number>(opts.batch);
  for (let k = 1; k <= opts.steps; k++) {
    for (let b = 0; b < opts.batch; b++) rows[b] = Math.floor(rng.next() * net.samples);
    net.gradient(theta, g, rows);
    let finite = true;
    for (let i = 0; i < n; i++) { theta[i] -= opts.lr * g[i]; if (!Number.isFinite(theta[i])) finite = false; }
    if (!finite) return { snapshots, diverged: { step: k, loss: NaN } };
    if (k % every === 0 || k === opts.steps) {
      const loss = net.loss(theta);
      if (!(loss <= bound)) return { snapshots, diverged: { step: k, loss } };
      snapshots.push({ step: k, theta: theta.slice(), loss });
    }
  }
  return { snapshots };
}
