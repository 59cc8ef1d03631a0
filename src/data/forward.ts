// Numeric forward pass of a dense network, f(x) = s_L(W_L ... s_1(W_1 x + b_1) ... + b_L),
// with each activation's value from the IR's function table (the same
// semantics as the symbolic model). Used to label teacher data.
import { activationValue, NUMBERS } from '../ir/functions.js';
import type { DenseLayer, MlpArchitecture } from '../spec/types.js';

/** One dense layer's numbers: W[out][in] and b[out] (b is ignored when the layer has no bias). */
export interface DenseWeights { readonly W: readonly (readonly number[])[]; readonly b: readonly number[] }

/** s(z) for the layer's activation; identity is z, leaky_relu uses the layer's slope. */
export const activate = (layer: DenseLayer, z: number): number => activationValue(NUMBERS, layer.activation, z, layer.slope ?? 0.01);

/** The network's output at x, layer by layer: h <- s(W h + b). */
export function forwardMlp(arch: MlpArchitecture, weights: readonly DenseWeights[], x: readonly number[]): number[] {
  return arch.layers.reduce<number[]>((h, layer, l) => {
    const { W, b } = weights[l];
    if (W.length !== layer.width || W.some((row) => row.length !== h.length)) {
      throw new Error(`forwardMlp: layer ${l} needs W of shape ${layer.width}x${h.length}`);
    }
    return W.map((row, j) => activate(layer, row.reduce((s, w, i) => s + w * h[i], 0) + (layer.bias ? b[j] : 0)));
  }, [...x]);
}
