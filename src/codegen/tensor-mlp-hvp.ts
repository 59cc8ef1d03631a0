// The Hessian-vector product of a dense network's loss on the tensor route,
// exactly, by Pearlmutter's R-operator (Pearlmutter 1994, "Fast exact
// multiplication by the Hessian"): R{f} = d/dr f(theta + r v) at r = 0 is a
// directional derivative, so H v = R{grad L}, obtained by applying R to every
// line of the forward pass and of back-propagation (tensor-mlp.ts). Like the
// gradient, the kernel is loops whose text does not grow with the width.
//
// v is split like theta: V^l (row-major [out][in]) and c^l, at the offsets of W^l and b^l.
//   R{a^0} = 0                                                          (the data do not move)
//   R{z^l} = V^l a^{l-1} + W^l R{a^{l-1}} + c^l                        (R-forward)
//   R{a^l} = sigma_l'(z^l) R{z^l}
//   g = dl/da^L      mse: g = a^L - y,  R{g} = R{a^L}
//                    cross-entropy: g = s - y, s = softmax(a^L),  R{g}_k = s_k (R{a^L}_k - s . R{a^L})
//   delta^L = g sigma_L'(z^L),  R{delta^L} = R{g} sigma_L'(z^L) + g sigma_L''(z^L) R{z^L}   (output error)
//   e^{l-1} = (W^l)^T delta^l,  R{e^{l-1}} = (V^l)^T delta^l + (W^l)^T R{delta^l}
//   delta^{l-1} = e^{l-1} sigma'(z^{l-1})
//   R{delta^{l-1}} = R{e^{l-1}} sigma'(z^{l-1}) + e^{l-1} sigma''(z^{l-1}) R{z^{l-1}}      (R-back-propagation)
//   (H v)_{W^l} = (1/N) sum_n R{delta^l} (a^{l-1})^T + delta^l R{a^{l-1}}^T
//   (H v)_{b^l} = (1/N) sum_n R{delta^l}
// Products of vectors are element-wise. The signature is (theta, v, X, Y, out),
// with sizes and parameter order as in lowerMlpGradient.
import { match } from 'ts-pattern';
import type { DenseLayer } from '../spec/types.js';
import { accumulate, assign, bin, comment, declare, iadd, imul, index, kcall, kvar, loop, num, type KExpr, type Kernel, type Stmt } from './kernel-ir.js';
import { describeNetwork, forward, kernelShell, layerInput, mlpLayout, NAMES, sigmaPrime, sigmaSecond, times, weight, type LayerLayout, type MlpDescription } from './tensor-mlp.js';

/** Scratch arrays of the R-pass, per layer: R{z^l}, R{a^l}, R{delta^l}. */
const R_NAMES = { z: (l: number) => `rz${l}`, a: (l: number) => `ra${l}`, delta: (l: number) => `rdelta${l}` };


const plus = (a: KExpr, b: KExpr | undefined): KExpr => (b ? bin('+', a, b) : a);

/**
 * R{delta}_k = R{e}_k sigma'(z_k) + e_k sigma''(z_k) R{z}_k for the unit k of a
 * layer, given the error e (dl/da at the output, W^T delta below) and R{e}.
 */
function rDelta(layer: DenseLayer, l: number, k: KExpr, e: KExpr, re: KExpr): KExpr {
  const z = index(NAMES.z(l), k), a = index(NAMES.a(l), k);
  const second = sigmaSecond(layer, z, a);
  return plus(times(re, sigmaPrime(layer, z, a)), second ? bin('*', bin('*', e, second), index(R_NAMES.z(l), k)) : undefined);
}

/** R{z^l} and R{a^l} for every layer, after the forward pass of the same sample. */
function rForward(d: MlpDescription, layout: readonly LayerLayout[], n: KExpr): Stmt[] {
  const j = kvar('j'), k = kvar('k');
  return layout.flatMap((l) => {
    const act = d.layers[l.layer - 1];
    const moved = l.layer > 1 ? bin('*', weight(l, j, k), index(R_NAMES.a(l.layer - 1), k)) : undefined;
    return [
      comment(`R-forward ${l.layer}: rz${l.layer} = V${l.layer} a${l.layer - 1}${l.layer > 1 ? ` + W${l.layer} ra${l.layer - 1}` : ''}${l.bias !== null ? ` + c${l.layer}` : ''}, ra${l.layer} = sigma'(z${l.layer}) rz${l.layer}  (V${l.layer}, c${l.layer}: v at the offsets of W${l.layer}, b${l.layer})`),
      loop('j', 0, l.width, [
        declare('racc', l.bias !== null ? index('v', iadd(num(l.bias), j)) : num(0)),
        loop('k', 0, l.fanIn, [accumulate(kvar('racc'), plus(bin('*', weight(l, j, k, 'v'), layerInput(d, l, n, k)), moved))]),
        assign(index(R_NAMES.z(l.layer), j), kvar('racc')),
        assign(index(R_NAMES.a(l.layer), j), times(kvar('racc'), sigmaPrime(act, index(NAMES.z(l.layer), j), index(NAMES.a(l.layer), j)))),
      ]),
    ];
  });
}

/** delta^L and R{delta^L} of one sample (the loss value itself is not needed). */
function rOutputError(d: MlpDescription, last: LayerLayout, n: KExpr): Stmt[] {
  const k = kvar('k'), m = last.width, L = last.layer, act = d.layers[L - 1];
  const aL = index(NAMES.a(L), k), raL = index(R_NAMES.a(L), k), y = index('Y', iadd(imul(n, m), k));
  const deltaAndR = (g: KExpr, rg: KExpr): Stmt[] => [
    assign(index(NAMES.delta(L), k), times(g, sigmaPrime(act, index(NAMES.z(L), k), aL))),
    assign(index(R_NAMES.delta(L), k), rDelta(act, L, k, g, rg)),
  ];
  return match(d.loss)
    .with('mse', () => [
      comment(`mse: g_k = a${L}_k - y_k, R{g}_k = ra${L}_k; delta${L} = g sigma'(z${L}), rdelta${L} = R{g} sigma'(z${L}) + g sigma''(z${L}) rz${L}`),
      loop('k', 0, m, [declare('g', bin('-', aL, y)), ...deltaAndR(kvar('g'), raL)]),
    ])
    .with('cross-entropy', () => {
      const softmax = bin('/', kcall('exp', bin('-', aL, kvar('amax'))), kvar('sumexp'));
      return [
        comment(`cross-entropy: g_k = s_k - y_k, s = softmax(a${L}) shifted by max_k a${L}_k; R{g}_k = s_k (ra${L}_k - s . ra${L})`),
        declare('amax', num(-Infinity)),
        loop('k', 0, m, [accumulate(kvar('amax'), aL, 'max')]),
        declare('sumexp', num(0)),
        loop('k', 0, m, [accumulate(kvar('sumexp'), kcall('exp', bin('-', aL, kvar('amax'))))]),
        declare('sra', num(0)),
        loop('k', 0, m, [accumulate(kvar('sra'), bin('*', softmax, raL))]),
        loop('k', 0, m, [
          declare('s', softmax),
          declare('g', bin('-', kvar('s'), y)),
          ...deltaAndR(kvar('g'), bin('*', kvar('s'), bin('-', raL, kvar('sra')))),
        ]),
      ];
    })
    .exhaustive();
}

/** (H v) accumulated per layer, and R-back-propagation of delta and R{delta} to the layer below. */
function rBackward(d: MlpDescription, layout: readonly LayerLayout[], n: KExpr): Stmt[] {
  const j = kvar('j'), k = kvar('k');
  return [...layout].reverse().flatMap((l) => {
    const delta = index(NAMES.delta(l.layer), j), rdelta = index(R_NAMES.delta(l.layer), j);
    const below = layout[l.layer - 2];
    const inputMoves = l.layer > 1 ? bin('*', delta, index(R_NAMES.a(l.layer - 1), k)) : undefined;
    return [
      comment(`(H v)_W${l.layer} += rdelta${l.layer} a${l.layer - 1}^T${l.layer > 1 ? ` + delta${l.layer} ra${l.layer - 1}^T` : ''}${l.bias !== null ? `, (H v)_b${l.layer} += rdelta${l.layer}` : ''}`),
      loop('j', 0, l.width, [
        ...(l.bias !== null ? [accumulate(index('out', iadd(num(l.bias), j)), rdelta)] : []),
        loop('k', 0, l.fanIn, [accumulate(index('out', iadd(iadd(num(l.weights), imul(j, l.fanIn)), k)), plus(bin('*', rdelta, layerInput(d, l, n, k)), inputMoves))]),
      ]),
      ...(below ? [
        comment(`e = W${l.layer}^T delta${l.layer}, R{e} = V${l.layer}^T delta${l.layer} + W${l.layer}^T rdelta${l.layer}; delta${below.layer} = e sigma'(z${below.layer}), rdelta${below.layer} = R{e} sigma'(z${below.layer}) + e sigma''(z${below.layer}) rz${below.layer}`),
        loop('k', 0, l.fanIn, [
          declare('back', num(0)),
          declare('rback', num(0)),
          loop('j', 0, l.width, [
            accumulate(kvar('back'), bin('*', weight(l, j, k), delta)),
            accumulate(kvar('rback'), bin('+', bin('*', weight(l, j, k, 'v'), delta), bin('*', weight(l, j, k), rdelta))),
          ]),
          assign(index(NAMES.delta(below.layer), k), times(kvar('back'), sigmaPrime(d.layers[below.layer - 1], index(NAMES.z(below.layer), k), index(NAMES.a(below.layer), k)))),
          assign(index(R_NAMES.delta(below.layer), k), rDelta(d.layers[below.layer - 1], below.layer, k, kvar('back'), kvar('rback'))),
        ]),
      ] : []),
    ];
  });
}

/** out = H(theta) v, exactly (R-operator on back-propagation), accumulated over the samples. */
export function lowerMlpHessianVectorProduct(name: string, d: MlpDescription): Kernel {
  const { layers, parameterCount } = mlpLayout(d);
  const n = kvar('n'), q = kvar('q');
  return kernelShell(name, `H(theta) v by Pearlmutter's R-operator on back-propagation for a ${describeNetwork(d)}`, d, parameterCount,
    { perLayer: [NAMES.delta, R_NAMES.z, R_NAMES.a, R_NAMES.delta], direction: true }, [
      loop('q', 0, parameterCount, [assign(index('out', q), num(0))], true),
      loop('n', 0, kvar('N'), [
        ...forward(d, layers, n),
        ...rForward(d, layers, n),
        ...rOutputError(d, layers[layers.length - 1], n),
        ...rBackward(d, layers, n),
      ]),
      comment('mean over the samples'),
      loop('q', 0, parameterCount, [assign(index('out', q), bin('/', index('out', q), kvar('N')))], true),
    ]);
}
