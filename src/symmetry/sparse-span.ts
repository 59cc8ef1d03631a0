// Exact rank of a growing set of sparse rational vectors (keys -> Fraction),
// kept in reduced echelon form: every basis row is zero at the other rows'
// pivots, so a new vector is reduced in one pass. Used for the Lie-algebra
// dimension (generators are linear in theta: a vector of coefficients
// (target, source) spans exactly) and to keep conserved quantities independent.
import { Fraction } from '../ir/expr.js';

export type SparseVector = ReadonlyMap<string, Fraction>;

export class SparseSpan {
  private readonly rows: { pivot: string; row: Map<string, Fraction> }[] = [];

  get dimension(): number { return this.rows.length; }

  /** Adds v to the span; true when it was independent of what is there. */
  add(v: SparseVector): boolean {
    const r = this.reduce(v);
    if (r.size === 0) return false;
    const pivot = [...r.keys()].sort()[0];
    const inv = new Fraction(1).div(r.get(pivot)!);
    for (const [k, x] of r) r.set(k, x.mul(inv));
    for (const other of this.rows) {
      const c = other.row.get(pivot);
      if (c) axpy(other.row, c.neg(), r);
    }
    this.rows.push({ pivot, row: r });
    return true;
  }

  /** True when v lies in the span. */
  contains(v: SparseVector): boolean { return this.reduce(v).size === 0; }

  private reduce(v: SparseVector): Map<string, Fraction> {
    const r = new Map([...v].filter(([, x]) => !x.equals(0)));
    for (const { pivot, row } of this.rows) {
      const c = r.get(pivot);
      if (c) axpy(r, c.neg(), row);
    }
    return r;
  }
}

/** y += a x, dropping zeros. */
function axpy(y: Map<string, Fraction>, a: Fraction, x: ReadonlyMap<string, Fraction>): void {
  for (const [k, xv] of x) {
    const s = (y.get(k) ?? new Fraction(0)).add(a.mul(xv));
    if (s.equals(0)) y.delete(k); else y.set(k, s);
  }
}

/** Exact rank of a list of sparse vectors. */
export function sparseRank(vs: readonly SparseVector[]): number {
  const span = new SparseSpan();
  vs.forEach((v) => span.add(v));
  return span.dimension;
}
