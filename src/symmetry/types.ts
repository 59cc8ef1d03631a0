// Results of the symmetry stage, shared by every architecture kind.
import type { Expr } from '../ir/expr.js';
import type { Check, Step } from '../derivation/types.js';

/** One infinitesimal generator xi(theta), components aligned with Model.parameters. */
export interface Generator {
  readonly id: string;
  readonly field: readonly Expr[];
  /** Checks of xi . grad L == 0 (normal form, second CAS, numeric on the data). */
  readonly checks: readonly Check[];
}

/** A family of symmetries licensed by one rule (e.g. rescaling of unit j of layer 1). */
export interface SymmetryFamily {
  readonly id: string;
  /** Rule id in rules/symmetry (or 'linear-search' for expression losses). */
  readonly rule: string;
  readonly kind: 'continuous' | 'discrete';
  /** Lie-algebra dimension contributed (0 for discrete groups). */
  readonly dimension: number;
  readonly generators: readonly Generator[];
  /** LaTeX description of the group action. */
  readonly actionTex: string;
  /** Discrete symmetries: checks of L(g.theta) = L(theta) for a representative g. */
  readonly checks: readonly Check[];
}

export interface Invariant { readonly id: string; readonly expr: Expr; readonly checks: readonly Check[] }
export interface ConservedQuantity { readonly id: string; readonly rule: string; readonly expr: Expr; readonly checks: readonly Check[] }

export interface SymmetryResult {
  readonly families: readonly SymmetryFamily[];
  /** Dimension of the Lie algebra spanned by all continuous generators. */
  readonly lieAlgebraDimension: number;
  /** Generic rank of the generators at a random point (docs/theory.md §1: not the algebra's dimension). */
  readonly orbitDimension: number;
  readonly invariants: readonly Invariant[];
  readonly conserved: readonly ConservedQuantity[];
  readonly steps: readonly Step[];
}
