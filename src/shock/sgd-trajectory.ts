// The reference SGD trajectory of a network spec: minibatch SGD on the
// symbolic per-sample losses (compiled), from a seeded initialisation
// W ~ N(0, 1/fan_in), b = 0. Deterministic for a given seed.
import type { Model } from '../architecture/model.js';
import { gradient } from '../ir/diff.js';
import { compileMany } from '../ir/evaluate.js';
import { seededRng } from '../util/random.js';

export interface Trajectory {
  /** Snapshots theta_k (every `every` steps, first and last included). */
  readonly snapshots: readonly { readonly step: number; readonly theta: Float64Array }[];
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

/** Per-sample gradient functions (one compiled closure per sample, sharing its forward pass). */
export function sampleGradients(model: Model): ((theta: Float64Array, out: Float64Array) => void)[] {
  return model.sampleLosses.map((l) => compileMany(gradient(l, model.parameters), model.parameters));
}

export function sgdTrajectory(model: Model, opts: { lr: number; batch: number; steps: number; seed: number; snapshots: number }): Trajectory {
  const grads = sampleGradients(model);
  const n = model.parameters.length;
  const theta = initialParameters(model, opts.seed);
  const rng = seededRng(opts.seed + 1);
  const g = new Float64Array(n), acc = new Float64Array(n);
  const every = Math.max(1, Math.floor(opts.steps / opts.snapshots));
  const snapshots = [{ step: 0, theta: theta.slice() }];
  for (let k = 1; k <= opts.steps; k++) {
    acc.fill(0);
    for (let b = 0; b < opts.batch; b++) {
      grads[Math.floor(rng.next() * grads.length)](theta, g);
      for (let i = 0; i < n; i++) acc[i] += g[i] / opts.batch;
    }
    for (let i = 0; i < n; i++) theta[i] -= opts.lr * acc[i];
    if (k % every === 0 || k === opts.steps) snapshots.push({ step: k, theta: theta.slice() });
  }
  return { snapshots };
}
