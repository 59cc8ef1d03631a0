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
import { compile } from '../ir/evaluate.js';
import { arcLengthMap } from '../numerics/arc-length.js';
import { compileJs } from '../codegen/compile-js.js';
import { lowerOutputs } from '../codegen/lower.js';
import { lowerMlpGradient } from '../codegen/tensor-mlp.js';
import type { Kernel } from '../codegen/kernel-ir.js';
import type { Intermediates } from '../pipeline/derive.js';
import type { MlpArchitecture } from '../spec/types.js';
import type { Rng } from '../util/random.js';

export type ChainProblem =
  | { readonly kind: 'expression'; readonly slope: Kernel }
  /** A curved 1-D quotient in arc length s: dLbar/ds = sqrt(G(w)) Lbar'(w) at w = w(s) (tabulated map). */
  | { readonly kind: 'arc-length'; readonly slope: Kernel; readonly metric: Kernel; readonly s: Float64Array; readonly w: Float64Array }
  | {
    readonly kind: 'network'; readonly grad: Kernel;
    /** Row-major data: X is samples x input, Y is samples x output. */
    readonly X: Float64Array; readonly Y: Float64Array;
    readonly input: number; readonly output: number; readonly batch: number;
    readonly point: Float64Array; readonly direction: Float64Array;
  };

/** The problem of a spec's analysed line; undefined when the arc length of a curved line diverges. */
export function chainProblem(im: Intermediates): ChainProblem | undefined {
  const line = im.line;
  if (line.metric) {
    // A 1-D Riemannian manifold is flat in arc length: the chains (and the solver, pipeline/solve.ts) work in s.
    const G = compile(line.metric, [line.variable]);
    let map;
    try {
      map = arcLengthMap((w) => G([w]), line.domain, { anchor: Math.min(Math.max(0, line.domain[0]), line.domain[1]) });
    } catch (e) {
      if (e instanceof RangeError) return undefined;
      throw e;
    }
    const [lo, hi] = line.domain, n = 4001;
    const w = Float64Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    return {
      kind: 'arc-length', s: Float64Array.from(w, map.s), w,
      slope: lowerOutputs('lbar_slope', `Lbar'(${line.variable})`, [diff(line.loss, line.variable)], [line.variable]),
      metric: lowerOutputs('metric', `G(${line.variable})`, [line.metric], [line.variable]),
    };
  }
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
  if (p.kind === 'arc-length') {
    const slope = compileJs<(theta: Float64Array, out: Float64Array) => void>(p.slope);
    const metric = compileJs<(theta: Float64Array, out: Float64Array) => void>(p.metric);
    const x = new Float64Array(1), out = new Float64Array(1);
    const exact = (s: number): number => {
      x[0] = interpolate(p.s, p.w, s);
      metric(x, out);
      const root = Math.sqrt(Math.max(out[0], 0));
      slope(x, out);
      return root * out[0];
    };
    return { noisy: exact, exact };
  }
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

/** Piecewise-linear interpolation in a increasing table (linear extrapolation beyond its ends). */
function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  let lo = 0, hi = n - 1;
  if (x <= xs[0]) hi = 1;
  else if (x >= xs[n - 1]) lo = n - 2;
  else while (hi - lo > 1) { const m = (lo + hi) >> 1; if (xs[m] <= x) lo = m; else hi = m; }
  return ys[lo] + ((x - xs[lo]) * (ys[hi] - ys[lo])) / (xs[hi] - xs[lo]);
}
