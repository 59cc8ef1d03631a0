// Mean-squared error per sample: l = (1/2) sum_k (f_k - y_k)^2.
import { add, mul, num, pow, sub } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';

export const mseSampleLoss = (f: readonly Expr[], y: readonly number[]): Expr =>
  mul(num(1, 2), add(...f.map((fk, k) => pow(sub(fk, num(String(y[k]))), 2))));
