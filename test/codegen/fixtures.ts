// Shared fixtures of the codegen tests: the 2-4-1 ReLU example built directly in the IR.
import { add, call, mul, num, pow, sub, sym } from '../../src/ir/build.js';
import type { Expr } from '../../src/ir/expr.js';

/** The 8 fixed data points of the 2-4-1 example: inputs on a curve, targets from a fixed rule. */
export const MLP_DATA = Array.from({ length: 8 }, (_, d) => {
  const x = [Number(Math.cos(0.7 * d + 0.3).toFixed(3)), Number(Math.sin(1.3 * d - 0.2).toFixed(3))];
  return { x, y: [Number((0.5 * x[0] - 0.8 * x[1] + 0.25 * Math.abs(x[0] * x[1])).toFixed(3))] };
});

/** A 2-4-1 ReLU network with biases and MSE, built directly in the IR (W row-major [out][in], then b, per layer). */
export function reluMlpLoss(): { loss: Expr; params: string[] } {
  const W1 = Array.from({ length: 4 }, (_, j) => [0, 1].map((i) => `W1_${j + 1}_${i + 1}`));
  const b1 = Array.from({ length: 4 }, (_, j) => `b1_${j + 1}`);
  const W2 = [[0, 1, 2, 3].map((j) => `W2_1_${j + 1}`)];
  const b2 = ['b2_1'];
  const sampleLosses = MLP_DATA.map(({ x, y }) => {
    const h = W1.map((row, j) => call('relu', add(...row.map((w, i) => mul(sym(w), num(String(x[i])))), sym(b1[j]))));
    const f = add(...W2[0].map((w, j) => mul(sym(w), h[j])), sym(b2[0]));
    return mul(num(1, 2), pow(sub(f, num(String(y[0]))), 2));
  });
  return { loss: mul(num(1, MLP_DATA.length), add(...sampleLosses)), params: [...W1.flat(), ...b1, ...W2.flat(), ...b2] };
}

