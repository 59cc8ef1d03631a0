import { match } from 'ts-pattern';
import type { Expr } from '../ir/expr.js';
import { crossEntropySampleLoss } from './cross-entropy.js';
import { mseSampleLoss } from './mse.js';

export type LossKind = 'mse' | 'cross-entropy';
export const sampleLoss = (kind: LossKind, f: readonly Expr[], y: readonly number[]): Expr =>
  match(kind).with('mse', () => mseSampleLoss(f, y)).with('cross-entropy', () => crossEntropySampleLoss(f, y)).exhaustive();
export const lossTex = (kind: LossKind): string =>
  match(kind).with('mse', () => '\\ell(f, y) = \\tfrac12 \\sum_k (f_k - y_k)^2').with('cross-entropy', () => '\\ell(f, y) = \\log\\sum_k e^{f_k} - \\sum_k y_k f_k').exhaustive();
