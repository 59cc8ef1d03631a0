// Exact rank of a growing set of sparse rational vectors (keys -> Fraction),
// kept in reduced echelon form: every basis row is zero at the other rows'
// pivots, so a new vector is reduced in one pass. Used for the Lie-algebra
// dimension (generators are linear in theta: a vector of coefficients
// (target, source) spans exactly) and to keep conserved quantities independent.
import { Fraction } from '../ir/expr.js';

export type SparseVector = ReadonlyMap<string, Fraction>;

export class SparseSpan {
  /** Basis rows by pivot key. */
  private readonly rows = new Map<string, Map<string, Fraction>>();
  /** key -> pivots of the rows with a non-zero entry there (so a new pivot is eliminated from exactly those rows). */
  private readonly column = new Map<string, Set<string>>();

  get dimension(): number { return this.rows.size; }

  /** Adds v to the span; true when it was independent of what is there. */
  add(v: SparseVector): boolean {
    const r = this.reduce(v);
    if (r.size === 0) return false;
    const pivot = [...r.keys()].sort()[0];
    const inv = new Fraction(1).div(r.get(pivot)!);
    for (const [k, x] of r) r.set(k, x.mul(inv));
    for (const p of [...(this.column.get(pivot) ?? [])]) {
      const other = this.rows.get(p)!;
      this.axpy(p, other, other.get(pivot)!.neg(), r);
    }
    this.rows.set(pivot, r);
    for (const k of r.keys()) this.index(k).add(pivot);
    return true;
  }

  /** True when v lies in the span. */
  contains(v: SparseVector): boolean { return this.reduce(v).size === 0; }

  private index(k: string): Set<string> {
    let s = this.column.get(k);
    if (!s) { s = new Set(); this.column.set(k, s); }
    return s;
  }

  /**
   * v minus its components along the basis. The basis is in reduced echelon
   * form (each row is zero at the other rows' pivots), so subtracting one row
   * does not change v at another pivot: one pass over v's own pivot entries.
   */
  private reduce(v: SparseVector): Map<string, Fraction> {
    const r = new Map([...v].filter(([, x]) => !x.equals(0)));
    for (const [k, c] of [...r]) {
      const row = this.rows.get(k);
      if (row) axpy(r, c.neg(), row);
    }
    return r;
  }

  /** Basis row y (pivot p) += a x, keeping the column index current. */
  private axpy(p: string, y: Map<string, Fraction>, a: Fraction, x: ReadonlyMap<string, Fraction>): void {
    for (const [k, xv] of x) {
      const had = y.has(k);
      const s = (y.get(k) ?? new Fraction(0)).add(a.mul(xv));
      if (s.equals(0)) { y.delete(k); if (had) this.column.get(k)?.delete(p); }
      else { y.set(k, s); if (!had) this.index(k).add(p); }
    }
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
