// Results of the quotient stage.
import type { Expr } from '../ir/expr.js';
import type { Step } from '../derivation/types.js';
import type { GradientFieldVerdict } from '../derivation/derivation.js';

export interface QuotientResult {
  readonly quotientDimension: number;
  /** Numerical rank of d(outputs)/d(theta) on the data; null for a bare expression (no outputs). */
  readonly functionalDimension: number | null;
  /** Quotient coordinates w_i(theta) (a functionally independent subset of the invariants). */
  readonly coordinates: readonly { readonly name: string; readonly expr: Expr }[];
  /** G = J J^T with J = dw/dtheta, as expressions in theta. */
  readonly metric: readonly (readonly Expr[])[];
  readonly gradientField: GradientFieldVerdict;
  /** For a 1-D quotient: Lbar(w) and the metric G as a function of w (and conserved constants). */
  readonly reduced?: {
    readonly variable: string;
    readonly loss: Expr;
    /** G(w, c...) (c the conserved constants); undefined when it cannot be written so. */
    readonly metric?: Expr;
    readonly conservedSymbols: readonly string[];
  };
  readonly steps: readonly Step[];
}
