// Teacher-student data: inputs x ~ N(0, 1), targets from a random teacher of
// the same architecture (W ~ N(0, 1/fan_in), b ~ N(0, 0.1^2)) plus noise.
// Values are rounded to 3 decimals: they enter the symbolic loss as exact rationals.
import type { Dataset } from '../architecture/model.js';
import type { MlpArchitecture } from '../spec/types.js';
import { seededRng } from '../util/random.js';
import { forwardMlp, type DenseWeights } from './forward.js';

export const round3 = (x: number): number => Math.round(x * 1000) / 1000 + 0; // + 0 turns -0 into 0

export function teacherData(arch: MlpArchitecture, o: { samples: number; seed: number; noise: number }, loss: 'mse' | 'cross-entropy'): Dataset {
  const xr = seededRng(o.seed), wr = seededRng(o.seed + 1), nr = seededRng(o.seed + 2);
  let fanIn = arch.input;
  const weights: DenseWeights[] = arch.layers.map((layer) => {
    const W = Array.from({ length: layer.width }, () => Array.from({ length: fanIn }, () => wr.normal() / Math.sqrt(fanIn)));
    const b = Array.from({ length: layer.width }, () => 0.1 * wr.normal());
    fanIn = layer.width;
    return { W, b };
  });
  const inputs = Array.from({ length: o.samples }, () => Array.from({ length: arch.input }, () => round3(xr.normal())));
  const targets = inputs.map((x) => {
    const y = forwardMlp(arch.layers, weights, x).map((v) => v + o.noise * nr.normal());
    if (loss === 'cross-entropy') {
      const k = y.indexOf(Math.max(...y));
      return y.map((_, i) => (i === k ? 1 : 0));
    }
    return y.map(round3);
  });
  return { inputs, targets, description: `teacher-student, ${o.samples} samples, seed ${o.seed}${o.noise ? `, noise ${o.noise}` : ''}` };
}
