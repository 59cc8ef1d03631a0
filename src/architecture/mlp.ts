// Dense networks (spec kind `mlp`): f(x) = act_L(W_L ... act_1(W_1 x + b_1) ... + b_L).
// Parameters are named W{l}_{j}_{i} (layer l, unit j, input i) and b{l}_{j},
// 1-based. Data enter as exact rationals; each pre-activation z_{d,l,j} is
// built once and shared, so the loss is a DAG whose size is linear in the data.
import { add, mul, num, sym } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { activationValue, EXPRESSIONS } from '../ir/functions.js';
import { lossTex, sampleLoss, type LossKind } from '../loss/index.js';
import type { DenseLayer, MlpArchitecture } from '../spec/types.js';
import type { Dataset, LinearLayerParams, Model } from './model.js';

export const weightName = (l: number, j: number, i: number): string => `W${l}_${j}_${i}`;
export const biasName = (l: number, j: number): string => `b${l}_${j}`;

/** sigma(z) as an IR expression, from the function registry (src/ir/functions.ts). */
export const applyActivation = (layer: DenseLayer, z: Expr): Expr =>
  activationValue(EXPRESSIONS, layer.activation, z, num(String(layer.slope ?? 0.01)));

export function mlpLayers(arch: MlpArchitecture): LinearLayerParams[] {
  let fanIn = arch.input;
  return arch.layers.map((layer, idx) => {
    const l = idx + 1;
    const weights = Array.from({ length: layer.width }, (_, j) => Array.from({ length: fanIn }, (__, i) => weightName(l, j + 1, i + 1)));
    fanIn = layer.width;
    return { index: l, weights, bias: layer.bias ? Array.from({ length: layer.width }, (_, j) => biasName(l, j + 1)) : null, activation: layer.activation };
  });
}

/** Symbolic network outputs on one input vector. */
export function forwardSymbolic(arch: MlpArchitecture, layers: readonly LinearLayerParams[], x: readonly Expr[]): Expr[] {
  let h: readonly Expr[] = x;
  layers.forEach((lp, idx) => {
    h = lp.weights.map((row, j) => applyActivation(arch.layers[idx], add(...row.map((w, i) => mul(sym(w), h[i])), ...(lp.bias ? [sym(lp.bias[j])] : []))));
  });
  return [...h];
}

export function mlpModel(arch: MlpArchitecture, data: Dataset, loss: LossKind): Model {
  const width = arch.layers[arch.layers.length - 1].width;
  data.inputs.forEach((x, d) => {
    if (x.length !== arch.input) throw new Error(`sample ${d + 1} has ${x.length} inputs, the network takes ${arch.input}`);
    if (data.targets[d]?.length !== width) throw new Error(`sample ${d + 1} has ${data.targets[d]?.length ?? 0} targets, the network has ${width} outputs`);
  });
  const layers = mlpLayers(arch);
  const parameters = layers.flatMap((lp) => [...lp.weights.flat(), ...(lp.bias ?? [])]);
  const outputsPerSample = data.inputs.map((x) => forwardSymbolic(arch, layers, x.map((v) => num(String(v)))));
  const sampleLosses = outputsPerSample.map((f, d) => sampleLoss(loss, f, data.targets[d]));
  const N = data.inputs.length;
  const widths = [arch.input, ...arch.layers.map((l) => l.width)].join('-');
  return {
    kind: 'mlp',
    parameters,
    loss: mul(num(1, N), add(...sampleLosses)),
    sampleLosses,
    outputs: outputsPerSample.flat(),
    forward: (x) => forwardSymbolic(arch, layers, x),
    layers,
    dataset: data,
    architecture: arch,
    lossKind: loss,
    definitionTex: `A ${widths} dense network $f(x) = ${arch.layers.reduce((inner, l, i) => `\\sigma_{${i + 1}}\\left(W^{(${i + 1})} ${inner}${l.bias ? ` + b^{(${i + 1})}` : ''}\\right)`, 'x')}$ with activations ${arch.layers.map((l, i) => `$\\sigma_{${i + 1}}$ = ${l.activation.replace('_', ' ')}`).join(', ')}; data: ${data.description}; per-sample loss $${lossTex(loss)}$ and $L = \\frac{1}{${N}}\\sum_d \\ell(f(x_d), y_d)$.`,
  };
}
