// Span of sparse integer vectors modulo a prime, kept in reduced row echelon
// form: every basis row has a 1 at its pivot and 0 at every other pivot, so
// reducing a vector touches only the rows of its own non-zero pivot columns
// and costs nnz(v) x nnz(row), not rank x length as Gram-Schmidt does. Used
// for the greedy independent subset of the invariant candidates (path products
// with a few non-zero partials each).
//
// Rank mod p <= rank over Q (a vanishing minor over Q vanishes mod p), so a
// set independent here is independent over Q: "independent" is never wrong;
// "dependent" is wrong only when p divides a non-zero minor.

/** The largest prime below sqrt(2^53): a product of two residues is an exact double. */
export const MODULUS = 94906249;

const mod = (x: number): number => { const r = x % MODULUS; return r < 0 ? r + MODULUS : r; };
const mulMod = (a: number, b: number): number => (a * b) % MODULUS;
/** a^-1 mod p by the extended Euclidean algorithm (a != 0 mod p). */
function inverse(a: number): number {
  let [r0, r1, s0, s1] = [MODULUS, a, 0, 1];
  while (r1 !== 0) { const q = Math.floor(r0 / r1); [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1]; }
  return mod(s0);
}

export class ModularSpan {
  /** Basis rows by pivot column (pivot entry 1). */
  private readonly rows = new Map<number, Map<number, number>>();
  /** column -> pivots of the rows with a non-zero entry there. */
  private readonly column = new Map<number, Set<number>>();

  get dimension(): number { return this.rows.size; }

  /** Adds the integer vector (column -> safe integer) to the span; true when it was independent of what is there. */
  add(v: ReadonlyMap<number, number>): boolean {
    const r = new Map<number, number>();
    for (const [k, x] of v) { const m = mod(x); if (m !== 0) r.set(k, m); }
    // In RREF a row has no entry at another pivot, so subtracting it adds none: one pass over r's pivots.
    for (const c of [...r.keys()]) {
      const row = this.rows.get(c);
      const f = r.get(c);
      if (row && f) this.axpy(r, row, MODULUS - f);
    }
    if (r.size === 0) return false;
    const pivot = Math.min(...r.keys());
    const inv = inverse(r.get(pivot)!);
    for (const [k, x] of r) r.set(k, mulMod(x, inv));
    for (const p of [...(this.column.get(pivot) ?? [])]) {
      const other = this.rows.get(p)!;
      this.unindex(p, other);
      this.axpy(other, r, MODULUS - other.get(pivot)!);
      this.reindex(p, other);
    }
    this.rows.set(pivot, r);
    this.reindex(pivot, r);
    return true;
  }

  /** target += a * source (mod p), dropping zeros. */
  private axpy(target: Map<number, number>, source: ReadonlyMap<number, number>, a: number): void {
    for (const [k, x] of source) {
      const y = (mulMod(a, x) + (target.get(k) ?? 0)) % MODULUS;
      if (y === 0) target.delete(k); else target.set(k, y);
    }
  }

  private unindex(p: number, row: ReadonlyMap<number, number>): void { for (const k of row.keys()) this.column.get(k)?.delete(p); }
  private reindex(p: number, row: ReadonlyMap<number, number>): void {
    for (const k of row.keys()) {
      let s = this.column.get(k);
      if (!s) { s = new Set(); this.column.set(k, s); }
      s.add(p);
    }
  }
}
