// Index (tensor) kernels for dense networks: the forward map, the loss and its
// reverse-mode gradient written as loops over units and samples, so that the
// kernel text does not grow with the width (a 512-wide layer compiles like a
// 4-wide one: only loop bounds and offsets change).
//
//   z^l = W^l a^{l-1} + b^l,  a^l = sigma_l(z^l),  a^0 = x_n        (forward, per sample n)
//   L = (1/N) sum_n l(a^L, y_n)     mse: l = (1/2) |a^L - y|^2
//                                   cross-entropy: l = log sum_k e^{a^L_k} - y . a^L
//   delta^L = dl/da^L * sigma_L'(z^L)                               (output error)
//   delta^{l-1} = (W^l)^T delta^l * sigma_{l-1}'(z^{l-1})           (back-propagation)
//   dL/dW^l = (1/N) sum_n delta^l (a^{l-1})^T,  dL/db^l = (1/N) sum_n delta^l
//
// theta is flat, per layer W^l row-major [out][in] then b^l (the order of
// src/architecture/mlp.ts); X is N x input and Y is N x output, row-major.
// Cross-entropy uses the max-shifted log-sum-exp by construction.
import { match } from 'ts-pattern';
import { ACTIVATION_SPECS, activationValue, type Algebra } from '../ir/functions.js';
import type { LossKind } from '../loss/index.js';
import type { DenseLayer } from '../spec/types.js';
import { accumulate, assign, bin, comment, declare, iadd, imul, index, kcall, kneg, kvar, loop, num, select, type ArrayParam, type KExpr, type Kernel, type Stmt } from './kernel-ir.js';

export interface MlpDescription {
  readonly input: number;
  readonly layers: readonly DenseLayer[];
  readonly loss: LossKind;
}

export interface LayerLayout {
  /** 1-based, as in the parameter names W{l}_{j}_{i}. */
  readonly layer: number;
  readonly fanIn: number;
  readonly width: number;
  /** Offset of W^l[0][0] in theta. */
  readonly weights: number;
  /** Offset of b^l[0] in theta, or null without bias. */
  readonly bias: number | null;
}

/** Offsets of every layer's parameters in the flat theta, and their count. */
export function mlpLayout(d: Pick<MlpDescription, 'input' | 'layers'>): { readonly layers: readonly LayerLayout[]; readonly parameterCount: number } {
  let offset = 0, fanIn = d.input;
  const layers = d.layers.map((l, idx): LayerLayout => {
    if (l.width < 1) throw new Error(`tensor MLP: layer ${idx + 1} has width ${l.width}`);
    const weights = offset;
    offset += l.width * fanIn;
    const bias = l.bias ? offset : null;
    if (l.bias) offset += l.width;
    const out = { layer: idx + 1, fanIn, width: l.width, weights, bias };
    fanIn = l.width;
    return out;
  });
  return { layers, parameterCount: offset };
}

/** Kernel expressions as the algebra the registry writes activations in (src/ir/functions.ts). */
export const KERNEL_ALGEBRA: Algebra<KExpr> = {
  num, sub: (a, b) => bin('-', a, b), mul: (a, b) => bin('*', a, b),
  call: (fn, ...args) => {
    if (fn === 'dirac') throw new Error('kernels never call dirac (it is lowered to 0 away from the kink)');
    return kcall(fn, ...args);
  },
  positive: (z, then, otherwise) => select(bin('>', z, num(0)), then, otherwise),
};
const slopeOf = (l: DenseLayer): KExpr => num(l.slope ?? 0.01);

const sigma = (l: DenseLayer, z: KExpr): KExpr => activationValue(KERNEL_ALGEBRA, l.activation, z, slopeOf(l));

/** sigma'(z) given z and a = sigma(z); undefined for the identity (factor 1). From the registry (src/ir/functions.ts). */
export const sigmaPrime = (l: DenseLayer, z: KExpr, a: KExpr): KExpr | undefined => ACTIVATION_SPECS[l.activation].first(KERNEL_ALGEBRA, z, a, slopeOf(l));

/** sigma''(z) given z and a = sigma(z); undefined where it vanishes. From the registry (src/ir/functions.ts). */
export const sigmaSecond = (l: DenseLayer, z: KExpr, a: KExpr): KExpr | undefined => ACTIVATION_SPECS[l.activation].second(KERNEL_ALGEBRA, z, a, slopeOf(l));

/** a * b, or a when b is undefined (a factor 1). */
export const times = (a: KExpr, b: KExpr | undefined): KExpr => (b ? bin('*', a, b) : a);

interface Names { z: (l: number) => string; a: (l: number) => string; delta: (l: number) => string }
export const NAMES: Names = { z: (l) => `z${l}`, a: (l) => `a${l}`, delta: (l) => `delta${l}` };

export interface ShellOptions {
  /** Scratch arrays of each layer's width besides z{l} and a{l} (e.g. delta{l}), by name. */
  readonly perLayer: readonly ((l: number) => string)[];
  /** A direction v, as long as theta, right after theta (the Hessian-vector product's input). */
  readonly direction?: boolean;
}

/** Signature (theta[, v], X, Y, out) and per-layer temporaries of a tensor-route kernel. */
export function kernelShell(name: string, doc: string, d: MlpDescription, outLength: number, o: ShellOptions, body: Stmt[]): Kernel {
  const { layers, parameterCount } = mlpLayout(d);
  const out = d.layers[d.layers.length - 1].width;
  const arrays: ArrayParam[] = [
    { k: 'array', name: 'theta', length: parameterCount, intent: 'in' },
    ...(o.direction ? [{ k: 'array', name: 'v', length: parameterCount, intent: 'in' } as const] : []),
    { k: 'array', name: 'X', length: { size: 'N', times: d.input }, intent: 'in' },
    { k: 'array', name: 'Y', length: { size: 'N', times: out }, intent: 'in' },
  ];
  const temps = layers.flatMap((l) => [
    { name: NAMES.z(l.layer), length: l.width },
    { name: NAMES.a(l.layer), length: l.width },
    ...o.perLayer.map((temp) => ({ name: temp(l.layer), length: l.width })),
  ]);
  return { name, doc, inputs: arrays, outputs: [{ k: 'array', name: 'out', length: outLength, intent: 'out' }], temps, body };
}

/** a^{l-1}[k] for sample n: the data row for the first layer. */
export const layerInput = (d: MlpDescription, l: LayerLayout, n: KExpr, k: KExpr): KExpr =>
  (l.layer === 1 ? index('X', iadd(imul(n, d.input), k)) : index(NAMES.a(l.layer - 1), k));

/** W^l[j][k] in theta (or the same entry of another flat parameter-shaped array, e.g. the direction v). */
export const weight = (l: LayerLayout, j: KExpr, k: KExpr, array = 'theta'): KExpr => index(array, iadd(iadd(num(l.weights), imul(j, l.fanIn)), k));

export function forward(d: MlpDescription, layout: readonly LayerLayout[], n: KExpr): Stmt[] {
  const j = kvar('j'), k = kvar('k');
  return layout.flatMap((l) => [
    comment(`layer ${l.layer}: z${l.layer} = W${l.layer} a${l.layer - 1}${l.bias !== null ? ` + b${l.layer}` : ''}, a${l.layer} = ${d.layers[l.layer - 1].activation}(z${l.layer})  (W${l.layer} at theta[${l.weights}], ${l.width} x ${l.fanIn})`),
    loop('j', 0, l.width, [
      declare('acc', l.bias !== null ? index('theta', iadd(num(l.bias), j)) : num(0)),
      loop('k', 0, l.fanIn, [accumulate(kvar('acc'), bin('*', weight(l, j, k), layerInput(d, l, n, k)))]),
      assign(index(NAMES.z(l.layer), j), kvar('acc')),
      assign(index(NAMES.a(l.layer), j), sigma(d.layers[l.layer - 1], kvar('acc'))),
    ]),
  ]);
}

/** The per-sample loss added into `loss`, and (for the gradient) delta^L. */
function sampleLoss(d: MlpDescription, last: LayerLayout, n: KExpr, withDelta: boolean): Stmt[] {
  const k = kvar('k'), m = last.width, L = last.layer;
  const aL = index(NAMES.a(L), k), y = index('Y', iadd(imul(n, m), k));
  const dsig = sigmaPrime(d.layers[L - 1], index(NAMES.z(L), k), aL);
  return match(d.loss)
    .with('mse', () => [
      comment('mse: l = (1/2) sum_k (a_k - y_k)^2, dl/da_k = a_k - y_k'),
      loop('k', 0, m, [
        declare('r', bin('-', aL, y)),
        accumulate(kvar('loss'), bin('*', num(0.5), bin('*', kvar('r'), kvar('r')))),
        ...(withDelta ? [assign(index(NAMES.delta(L), k), times(kvar('r'), dsig))] : []),
      ]),
    ])
    .with('cross-entropy', () => [
      comment('cross-entropy: l = log sum_k e^{a_k} - sum_k y_k a_k, shifted by max_k a_k (log-sum-exp); dl/da_k = softmax_k - y_k'),
      declare('amax', num(-Infinity)),
      loop('k', 0, m, [accumulate(kvar('amax'), aL, 'max')]),
      declare('sumexp', num(0)),
      loop('k', 0, m, [accumulate(kvar('sumexp'), kcall('exp', bin('-', aL, kvar('amax'))))]),
      accumulate(kvar('loss'), bin('+', kvar('amax'), kcall('log', kvar('sumexp')))),
      loop('k', 0, m, [
        accumulate(kvar('loss'), kneg(bin('*', y, aL))),
        ...(withDelta ? [assign(index(NAMES.delta(L), k), times(bin('-', bin('/', kcall('exp', bin('-', aL, kvar('amax'))), kvar('sumexp')), y), dsig))] : []),
      ]),
    ])
    .exhaustive();
}

function backward(d: MlpDescription, layout: readonly LayerLayout[], n: KExpr): Stmt[] {
  const j = kvar('j'), k = kvar('k');
  return [...layout].reverse().flatMap((l) => {
    const delta = index(NAMES.delta(l.layer), j);
    const below = layout[l.layer - 2];
    return [
      comment(`dL/dW${l.layer} += delta${l.layer} a${l.layer - 1}^T${l.bias !== null ? `, dL/db${l.layer} += delta${l.layer}` : ''}`),
      loop('j', 0, l.width, [
        ...(l.bias !== null ? [accumulate(index('out', iadd(num(l.bias), j)), delta)] : []),
        loop('k', 0, l.fanIn, [accumulate(index('out', iadd(iadd(num(l.weights), imul(j, l.fanIn)), k)), bin('*', delta, layerInput(d, l, n, k)))]),
      ]),
      ...(below ? [
        comment(`delta${below.layer} = (W${l.layer}^T delta${l.layer}) * sigma${below.layer}'(z${below.layer})`),
        loop('k', 0, l.fanIn, [
          declare('back', num(0)),
          loop('j', 0, l.width, [accumulate(kvar('back'), bin('*', weight(l, j, k), delta))]),
          assign(index(NAMES.delta(below.layer), k), times(kvar('back'), sigmaPrime(d.layers[below.layer - 1], index(NAMES.z(below.layer), k), index(NAMES.a(below.layer), k)))),
        ]),
      ] : []),
    ];
  });
}

export const describeNetwork = (d: MlpDescription): string => `${[d.input, ...d.layers.map((l) => l.width)].join('-')} dense network (${d.layers.map((l) => l.activation).join(', ')}), ${d.loss} loss`;

/** out[0] = L(theta) = (1/N) sum_n l(f(x_n), y_n). */
export function lowerMlpLoss(name: string, d: MlpDescription): Kernel {
  const { layers } = mlpLayout(d);
  const n = kvar('n');
  return kernelShell(name, `L(theta) = (1/N) sum_n l(f(x_n), y_n) for a ${describeNetwork(d)}`, d, 1, { perLayer: [] }, [
    declare('loss', num(0)),
    loop('n', 0, kvar('N'), [...forward(d, layers, n), ...sampleLoss(d, layers[layers.length - 1], n, false)]),
    assign(index('out', 0), bin('/', kvar('loss'), kvar('N'))),
  ]);
}

/** out = grad L(theta) by reverse mode (back-propagation), accumulated over the samples. */
export function lowerMlpGradient(name: string, d: MlpDescription): Kernel {
  const { layers, parameterCount } = mlpLayout(d);
  const n = kvar('n'), q = kvar('q');
  return kernelShell(name, `grad L(theta) by back-propagation for a ${describeNetwork(d)}`, d, parameterCount, { perLayer: [NAMES.delta] }, [
    loop('q', 0, parameterCount, [assign(index('out', q), num(0))], true),
    declare('loss', num(0)),
    loop('n', 0, kvar('N'), [
      ...forward(d, layers, n),
      ...sampleLoss(d, layers[layers.length - 1], n, true),
      ...backward(d, layers, n),
    ]),
    comment('mean over the samples'),
    loop('q', 0, parameterCount, [assign(index('out', q), bin('/', index('out', q), kvar('N')))], true),
  ]);
}
