// Numbers of a dense network on its data, in index (tensor) form: the loss,
// its gradient by back-propagation and the exact Hessian-vector product by
// Pearlmutter's R-operator, from the tensor-route kernels of src/codegen
// (tensor-mlp.ts, tensor-mlp-hvp.ts) compiled in-process once per network.
// Nothing here expands the loss symbolically, so cost is linear in
// parameters x samples per call and memory is a few arrays.
import type { Dataset, Model } from '../architecture/model.js';
import { compileJs } from '../codegen/compile-js.js';
import { lowerMlpGradient, lowerMlpLoss, mlpLayout } from '../codegen/tensor-mlp.js';
import { lowerMlpHessianVectorProduct } from '../codegen/tensor-mlp-hvp.js';
import { activate } from '../data/forward.js';
import { ACTIVATION_SPECS, activationValue, isKinked, NUMBERS } from '../ir/functions.js';
import type { LossKind } from '../loss/index.js';
import type { MlpArchitecture } from '../spec/types.js';

type LossKernel = (theta: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void;
type HvpKernel = (theta: Float64Array, v: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void;

export interface NetworkNumerics {
  /** Parameter count (theta in the order of src/architecture/mlp.ts). */
  readonly n: number;
  /** Number of samples. */
  readonly samples: number;
  /** L(theta), the mean over all samples. */
  loss(theta: Float64Array): number;
  /** grad L(theta) into out, the mean over all samples, or over `rows` (a minibatch, with repetition). */
  gradient(theta: Float64Array, out: Float64Array, rows?: readonly number[]): void;
  /** H(theta) v into out, exactly (R-operator; relu'' = 0 away from its kink, the Hessian of the smooth piece). */
  hessianVector(theta: Float64Array, v: Float64Array, out: Float64Array): void;
  /**
   * Which side of its kink every piecewise-linear unit (relu, leaky_relu) is on, per sample:
   * 1 above, 0 below, 2 on it (|z| <= ON_KINK): the activation pattern. Two points
   * with the same pattern and no 2 lie in one smooth piece of L.
   */
  activationPattern(theta: Float64Array): Uint8Array;
  /**
   * Rows d(phi_k(x_d))/d(theta), over samples d and outputs k, of the map the loss sees:
   * phi = f for mse, phi = softmax(f) (the probabilities) for cross-entropy, whose
   * value does not change under f -> f + c 1. By back-propagation, one row per (d, k).
   */
  lossMapJacobian(theta: Float64Array): Float64Array[];
}

/** |pre-activation| at or below which a unit counts as sitting on its kink (e.g. zero input and zero bias). */
export const ON_KINK = 1e-13;

/** Whether some unit sits on its kink for some sample (L is not twice differentiable there). */
export const onKink = (pattern: Uint8Array): boolean => pattern.includes(2);

export function networkNumerics(arch: MlpArchitecture, data: Dataset, lossKind: LossKind): NetworkNumerics {
  const d = { input: arch.input, layers: arch.layers, loss: lossKind };
  const { layers, parameterCount: n } = mlpLayout(d);
  const out = arch.layers[arch.layers.length - 1].width;
  const X = Float64Array.from(data.inputs.flat()), Y = Float64Array.from(data.targets.flat());
  const lossK = compileJs<LossKernel>(lowerMlpLoss('mlp_loss', d));
  const gradK = compileJs<LossKernel>(lowerMlpGradient('mlp_grad', d));
  const hvpK = compileJs<HvpKernel>(lowerMlpHessianVectorProduct('mlp_hvp', d));
  const one = new Float64Array(1);
  const N = data.inputs.length;
  const kinked = arch.layers.map((l) => isKinked(l.activation));
  const patternLength = N * arch.layers.reduce((s, l, i) => s + (kinked[i] ? l.width : 0), 0);
  const slopeOf = (li: number): number => arch.layers[li].slope ?? 0.01;
  /** sigma'(z) for layer li from the registry, in numbers (the kernels' conventions: relu'(0) = 0). */
  const sigmaPrime = (li: number, z: number): number => {
    const { activation } = arch.layers[li], slope = slopeOf(li);
    return ACTIVATION_SPECS[activation].first(NUMBERS, z, activationValue(NUMBERS, activation, z, slope), slope) ?? 1;
  };
  const lossMapJacobian = (theta: Float64Array): Float64Array[] => {
    const rows: Float64Array[] = [];
    for (let s = 0; s < N; s++) {
      const as: Float64Array[] = [X.subarray(s * arch.input, (s + 1) * arch.input)], zs: Float64Array[] = [];
      layers.forEach((l, li) => {
        const a = as[li], z = new Float64Array(l.width);
        for (let j = 0; j < l.width; j++) {
          let acc = l.bias !== null ? theta[l.bias + j] : 0;
          for (let k = 0; k < l.fanIn; k++) acc += theta[l.weights + j * l.fanIn + k] * a[k];
          z[j] = acc;
        }
        zs.push(z);
        as.push(z.map((zj) => activate(arch.layers[li], zj)));
      });
      const f = as[as.length - 1];
      // d phi_k / d f: the identity (mse) or the softmax Jacobian diag(p) - p p^T (cross-entropy).
      const fmax = Math.max(...f);
      const e = f.map((v) => Math.exp(v - fmax)), sum = e.reduce((a, b) => a + b, 0), p = e.map((v) => v / sum);
      for (let k = 0; k < out; k++) {
        const row = new Float64Array(n);
        let delta = Float64Array.from({ length: out }, (_, m) => (lossKind === 'mse' ? (m === k ? 1 : 0) : p[k] * ((m === k ? 1 : 0) - p[m])));
        for (let li = layers.length - 1; li >= 0; li--) {
          const l = layers[li], z = zs[li], a = as[li];
          const dz = delta.map((dv, j) => dv * sigmaPrime(li, z[j]));
          for (let j = 0; j < l.width; j++) {
            if (l.bias !== null) row[l.bias + j] = dz[j];
            for (let q = 0; q < l.fanIn; q++) row[l.weights + j * l.fanIn + q] = dz[j] * a[q];
          }
          if (li > 0) {
            const below = new Float64Array(l.fanIn);
            for (let j = 0; j < l.width; j++) for (let q = 0; q < l.fanIn; q++) below[q] += theta[l.weights + j * l.fanIn + q] * dz[j];
            delta = below;
          }
        }
        rows.push(row);
      }
    }
    return rows;
  };
  return {
    n, samples: N, lossMapJacobian,
    loss: (theta) => { lossK(theta, X, Y, one); return one[0]; },
    gradient: (theta, o, rows) => {
      if (!rows) { gradK(theta, X, Y, o); return; }
      const bx = new Float64Array(rows.length * arch.input), by = new Float64Array(rows.length * out);
      rows.forEach((r, b) => {
        bx.set(X.subarray(r * arch.input, (r + 1) * arch.input), b * arch.input);
        by.set(Y.subarray(r * out, (r + 1) * out), b * out);
      });
      gradK(theta, bx, by, o);
    },
    hessianVector: (theta, v, o) => hvpK(theta, v, X, Y, o),
    activationPattern: (theta) => {
      const pattern = new Uint8Array(patternLength);
      let p = 0;
      for (let s = 0; s < N; s++) {
        let a: Float64Array = X.subarray(s * arch.input, (s + 1) * arch.input);
        layers.forEach((l, li) => {
          const layer = arch.layers[li];
          const z = new Float64Array(l.width);
          for (let j = 0; j < l.width; j++) {
            let acc = l.bias !== null ? theta[l.bias + j] : 0;
            for (let k = 0; k < l.fanIn; k++) acc += theta[l.weights + j * l.fanIn + k] * a[k];
            z[j] = acc;
            if (kinked[li]) pattern[p++] = Math.abs(acc) <= ON_KINK ? 2 : acc > 0 ? 1 : 0;
          }
          a = z.map((zj) => activate(layer, zj));
        });
      }
      return pattern;
    },
  };
}

/** Number of entries in which two activation patterns differ (units that crossed their kink). */
export function patternDistance(a: Uint8Array, b: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) k++;
  return k;
}

/** The numbers of a network model (src/architecture/mlp.ts keeps its architecture, data and loss kind). */
export function modelNumerics(model: Model): NetworkNumerics {
  if (model.kind !== 'mlp' || !model.architecture || !model.dataset) throw new Error('modelNumerics needs a network model with its data');
  return networkNumerics(model.architecture, model.dataset, model.lossKind ?? 'mse');
}
