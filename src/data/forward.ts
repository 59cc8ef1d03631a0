// Numeric forward pass of a dense network (used to label teacher data).
import { FUNCTIONS } from '../ir/functions.js';
import type { DenseLayer } from '../spec/types.js';

export interface DenseWeights { readonly W: readonly (readonly number[])[]; readonly b: readonly number[] }

export function activate(layer: DenseLayer, z: number): number {
  switch (layer.activation) {
    case 'identity': return z;
    case 'leaky_relu': return FUNCTIONS.leaky_relu.eval(z, layer.slope ?? 0.01);
    default: return FUNCTIONS[layer.activation].eval(z);
  }
}

export function forwardMlp(layers: readonly DenseLayer[], weights: readonly DenseWeights[], x: readonly number[]): number[] {
  let h = [...x];
  layers.forEach((layer, l) => {
    const { W, b } = weights[l];
    h = W.map((row, j) => activate(layer, row.reduce((s, w, i) => s + w * h[i], 0) + (layer.bias ? b[j] : 0)));
  });
  return h;
}
