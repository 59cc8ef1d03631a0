// Softmax cross-entropy per sample: l = log sum_k exp(f_k) - sum_k y_k f_k
// (y a probability vector). Invariant under logits f -> f + c 1.
import { add, call, mul, num, sub } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';

export const crossEntropySampleLoss = (f: readonly Expr[], y: readonly number[]): Expr =>
  sub(call('log', add(...f.map((fk) => call('exp', fk)))), add(...f.map((fk, k) => mul(num(String(y[k])), fk))));
