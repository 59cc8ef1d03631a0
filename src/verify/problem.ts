// The 1-D problem the chains sample, as plain data that crosses into worker
// threads (structured clone): the generated kernels (src/codegen, Kernel IR)
// and, for networks, the data set and the slice theta* + s v. Workers compile
// the kernels once (compileJs) and evaluate the gradient along the line.
//   expression line:  dLbar/ds(s) from the generated kernel `lbar_slope` (the
//                     loss on the line the shock stage analysed; exact gradient,
//                     the noise is the Langevin noise at the spec temperature)
//   network slice:    v . grad L_B(theta* + s v) from the tensor-route kernel
//                     `mlp_grad` on a minibatch B drawn with replacement from the
//                     spec's data (docs/theory.md §5)
import { diff } from '../ir/diff.js';
import { compileJs } from '../codegen/compile-js.js';
import { lowerOutputs } from '../codegen/lower.js';
import { lowerMlpGradient } from '../codegen/tensor-mlp.js';
import type { Kernel } from '../codegen/kernel-ir.js';
import type { Intermediates } from '../pipeline/derive.js';
import type { MlpArchitecture } from '../spec/types.js';
import type { Rng } from '../util/random.js';

export type ChainProblem =
  | { readonly kind: 'expression'; readonly slope: Kernel }
  | {
    readonly kind: 'network'; readonly grad: Kernel;
    /** Row-major data: X is samples x input, Y is samples x output. */
    readonly X: Float64Array; readonly Y: Float64Array;
    readonly input: number; readonly output: number; readonly batch: number;
    readonly point: Float64Array; readonly direction: Float64Array;
  };

/** The problem of a spec's analysed line; undefined for a curved 1-D quotient (not flat: see docs/theory.md §5). */
export function chainProblem(im: Intermediates): ChainProblem | undefined {
  const line = im.line;
  if (line.metric) return undefined;
  if (im.spec.architecture.kind === 'mlp' && im.model.lossKind && im.model.dataset && line.slice) {
    const arch = im.spec.architecture as MlpArchitecture;
    const ds = im.model.dataset;
    return {
      kind: 'network',
      grad: lowerMlpGradient('mlp_grad', { input: arch.input, layers: arch.layers, loss: im.model.lossKind }),
      X: Float64Array.from(ds.inputs.flat()), Y: Float64Array.from(ds.targets.flat()),
      input: arch.input, output: ds.targets[0].length, batch: im.spec.training.batch,
      point: Float64Array.from(line.slice.point), direction: Float64Array.from(line.slice.direction),
    };
  }
  return { kind: 'expression', slope: lowerOutputs('lbar_slope', `p(x, 0) = Lbar'(${line.variable})`, [diff(line.loss, line.variable)], [line.variable]) };
}

/** A gradient along the line: g(s, rng) (rng draws the minibatch; unused for expressions) and the full-batch g(s). */
export interface LineGradient {
  readonly noisy: (s: number, rng: Rng) => number;
  readonly exact: (s: number) => number;
}

export function lineGradient(p: ChainProblem): LineGradient {
  if (p.kind === 'expression') {
    const slope = compileJs<(theta: Float64Array, out: Float64Array) => void>(p.slope);
    const x = new Float64Array(1), out = new Float64Array(1);
    const exact = (s: number): number => { x[0] = s; slope(x, out); return out[0]; };
    return { noisy: exact, exact };
  }
  const grad = compileJs<(theta: Float64Array, X: Float64Array, Y: Float64Array, out: Float64Array) => void>(p.grad);
  const n = p.point.length, samples = p.X.length / p.input;
  const theta = new Float64Array(n), out = new Float64Array(n);
  const Xb = new Float64Array(p.batch * p.input), Yb = new Float64Array(p.batch * p.output);
  const along = (s: number, X: Float64Array, Y: Float64Array): number => {
    for (let i = 0; i < n; i++) theta[i] = p.point[i] + s * p.direction[i];
    grad(theta, X, Y, out);
    let g = 0;
    for (let i = 0; i < n; i++) g += out[i] * p.direction[i];
    return g;
  };
  return {
    exact: (s) => along(s, p.X, p.Y),
    noisy: (s, rng) => {
      for (let b = 0; b < p.batch; b++) {
        const d = Math.floor(rng.next() * samples);
        for (let k = 0; k < p.input; k++) Xb[b * p.input + k] = p.X[d * p.input + k];
        for (let k = 0; k < p.output; k++) Yb[b * p.output + k] = p.Y[d * p.output + k];
      }
      return along(s, Xb, Yb);
    },
  };
}
