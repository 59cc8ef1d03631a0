// Teacher-student data: inputs x_d ~ N(0, 1), targets from a random teacher
// of the same architecture (W ~ N(0, 1/fan_in), b ~ N(0, 0.1^2)) plus
// noise * N(0, 1); for cross-entropy the one-hot argmax of the (noisy) output.
// Three independent streams (inputs: seed, teacher: seed + 1, noise: seed + 2)
// so that changing `samples` does not change the teacher.
// Values are rounded to 3 decimals: they enter the symbolic loss as exact rationals.
import type { Dataset } from '../architecture/model.js';
import type { MlpArchitecture } from '../spec/types.js';
import { seededRng, type Rng } from '../util/random.js';
import { forwardMlp, type DenseWeights } from './forward.js';

/** Round to 3 decimals; `+ 0` turns -0 into 0 so that printed data are byte-stable. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000 + 0;

/** A random teacher: W[out][in] ~ N(0, 1/fan_in) (a standard normal / sqrt(fan_in)), b ~ N(0, 0.1^2), drawn layer by layer (W then b). */
export function teacherWeights(arch: MlpArchitecture, rng: Rng): DenseWeights[] {
  let fanIn = arch.input;
  return arch.layers.map((layer) => {
    const std = Math.sqrt(fanIn);
    const W = Array.from({ length: layer.width }, () => Array.from({ length: fanIn }, () => rng.normal() / std));
    const b = Array.from({ length: layer.width }, () => 0.1 * rng.normal());
    fanIn = layer.width;
    return { W, b };
  });
}

const oneHotArgmax = (y: readonly number[]): number[] => {
  const k = y.indexOf(Math.max(...y));
  return y.map((_, i) => (i === k ? 1 : 0));
};

export function teacherData(arch: MlpArchitecture, o: { samples: number; seed: number; noise: number }, loss: 'mse' | 'cross-entropy'): Dataset {
  const inputRng = seededRng(o.seed), teacherRng = seededRng(o.seed + 1), noiseRng = seededRng(o.seed + 2);
  const weights = teacherWeights(arch, teacherRng);
  const inputs = Array.from({ length: o.samples }, () => Array.from({ length: arch.input }, () => round3(inputRng.normal())));
  const targets = inputs.map((x) => {
    const y = forwardMlp(arch, weights, x).map((v) => v + o.noise * noiseRng.normal());
    return loss === 'cross-entropy' ? oneHotArgmax(y) : y.map(round3);
  });
  return { inputs, targets, description: `teacher-student, ${o.samples} samples, seed ${o.seed}${o.noise ? `, noise ${o.noise}` : ''}` };
}
