// Shared by the tensor-route tests: a dense network built directly in the IR
// (the scalar route's input), seeded data for it, and a layer shorthand.
import type { MlpDescription } from '../../src/codegen/tensor-mlp.js';
import { add, call, mul, num, pow, sub, sym } from '../../src/ir/build.js';
import type { Expr } from '../../src/ir/expr.js';
import type { DenseLayer } from '../../src/spec/types.js';
import { seededRng } from '../../src/util/random.js';

export interface Sample { readonly x: number[]; readonly y: number[] }

/** The same network built directly in the IR (parameter order: per layer W row-major [out][in], then b). */
export function scalarRoute(d: MlpDescription, data: readonly Sample[]): { loss: Expr; params: string[] } {
  const params: string[] = [];
  const layers = d.layers.map((l, idx) => {
    const fanIn = idx === 0 ? d.input : d.layers[idx - 1].width;
    const W = Array.from({ length: l.width }, (_, j) => Array.from({ length: fanIn }, (__, i) => `W${idx + 1}_${j + 1}_${i + 1}`));
    const b = l.bias ? Array.from({ length: l.width }, (_, j) => `b${idx + 1}_${j + 1}`) : null;
    params.push(...W.flat(), ...(b ?? []));
    return { W, b, l };
  });
  const act = (l: DenseLayer, z: Expr): Expr => (l.activation === 'identity' ? z : l.activation === 'leaky_relu' ? call('leaky_relu', z, num(String(l.slope ?? 0.01))) : call(l.activation, z));
  const samples = data.map(({ x, y }) => {
    let h: Expr[] = x.map((v) => num(String(v)));
    for (const { W, b, l } of layers) h = W.map((row, j) => act(l, add(...row.map((w, i) => mul(sym(w), h[i])), ...(b ? [sym(b[j])] : []))));
    return d.loss === 'mse'
      ? mul(num(1, 2), add(...h.map((f, k) => pow(sub(f, num(String(y[k]))), 2))))
      : sub(call('log', add(...h.map((f) => call('exp', f)))), add(...h.map((f, k) => mul(num(String(y[k])), f))));
  });
  return { loss: mul(num(1, data.length), add(...samples)), params };
}

/** Seeded inputs in [-1, 1]; targets a probability vector (cross-entropy) or any numbers (mse). */
export function dataFor(d: MlpDescription, count: number, seed: number): Sample[] {
  const rng = seededRng(seed);
  const out = d.layers[d.layers.length - 1].width;
  return Array.from({ length: count }, () => {
    const x = Array.from({ length: d.input }, () => Number(rng.uniform(-1, 1).toFixed(3)));
    const raw = Array.from({ length: out }, () => Number(rng.uniform(0.1, 1).toFixed(2)));
    const s = raw.reduce((a, b) => a + b, 0);
    return { x, y: d.loss === 'cross-entropy' ? raw.map((r) => Number((r / s).toFixed(3))) : raw.map((r) => r - 0.5) };
  });
}

export const layer = (width: number, activation: DenseLayer['activation'], bias = true, slope?: number): DenseLayer => ({ width, activation, bias, ...(slope !== undefined ? { slope } : {}) });

/** X and Y of the kernels: row-major N x input and N x output. */
export const arraysOf = (data: readonly Sample[]): { X: Float64Array; Y: Float64Array } => ({ X: Float64Array.from(data.flatMap((s) => s.x)), Y: Float64Array.from(data.flatMap((s) => s.y)) });
