// The project's own normal form: an expression is brought to a quotient of
// Laurent polynomials over Q whose "variables" are atoms (symbols, and
// function applications with normalised arguments). Two facts of activation
// semantics are built in because the IR owns them (docs/theory.md §3):
//   relu(z) = z H(z),   leaky_relu(z, a) = z (a + (1 - a) H(z)),
// and exp is kept as a single merged factor per monomial (exp a exp b = exp(a+b)).
// This is strong enough to prove the polynomial and rational identities the
// symmetry and coarse-graining stages need: an identity lhs = rhs is proved when
// the numerator of lhs - rhs is the zero polynomial.
//
// Representation (issue 11): a monomial is interned once per NormalForm as an
// integer id (its packed exponent vector is stored in the table, with a cache
// for products of two ids), a polynomial is a Map from monomial id to an exact
// rational coefficient (src/ir/rational.ts: safe-integer numerator/denominator,
// BigInt fallback), and sums are accumulated in one mutable map. The whole
// table and the memo belong to one NormalForm: create one per proof (or per
// family of proofs sharing subterms) and drop it with the proof.
import { add, call, mul, num, pow, sym } from './build.js';
import { Fraction, type Expr } from './expr.js';
import type { FnName } from './functions.js';
import { Q0, Q1, qAbs, qAdd, qEquals, qFromFraction, qInv, qIsOne, qIsZero, qKey, qMul, qNeg, qPow, qSign, qToFraction, type Q } from './rational.js';

/** Monomial id -> coefficient. Never mutated once returned from a NormalForm method. */
export type Poly = ReadonlyMap<number, Q>;
export interface Rat { readonly num: Poly; readonly den: Poly }

/** The monomial with no atoms (the constant 1): id 0 in every table. */
const ONE = 0;
const isDyadic = (x: number): boolean => Number.isFinite(x) && Number.isInteger(x * 1024);

/** Interned monomials of one NormalForm: atom ids ascending with dyadic exponents, and an optional merged exp(...) argument. */
class MonomialTable {
  readonly ids: (readonly number[])[] = [[]];
  readonly exps: (readonly number[])[] = [[]];
  readonly expArg: (Poly | null)[] = [null];
  private readonly byKey = new Map<string, number>([['', ONE]]);
  private readonly products = new Map<number, number>();
  private readonly legacy: (string | undefined)[] = [''];

  intern(ids: readonly number[], exps: readonly number[], expArg: Poly | null): number {
    if (ids.length === 0 && expArg === null) return ONE;
    let key = '';
    for (let i = 0; i < ids.length; i++) key += ids[i] + (exps[i] === 1 ? '*' : '^' + exps[i] + '*');
    if (expArg) key += '|e' + this.polyKey(expArg);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.ids.length;
      this.byKey.set(key, id);
      this.ids.push(ids); this.exps.push(exps); this.expArg.push(expArg);
    }
    return id;
  }

  /** Product of two monomials (cached by the pair of ids). */
  mul(a: number, b: number): number {
    if (a === ONE) return b;
    if (b === ONE) return a;
    const pair = a < b ? a * 67108864 + b : b * 67108864 + a;
    const hit = this.products.get(pair);
    if (hit !== undefined) return hit;
    const ai = this.ids[a], ae = this.exps[a], bi = this.ids[b], be = this.exps[b];
    const ids: number[] = [], exps: number[] = [];
    let i = 0, j = 0;
    while (i < ai.length || j < bi.length) {
      if (j >= bi.length || (i < ai.length && ai[i] < bi[j])) { ids.push(ai[i]); exps.push(ae[i]); i++; }
      else if (i >= ai.length || bi[j] < ai[i]) { ids.push(bi[j]); exps.push(be[j]); j++; }
      else { const e = ae[i] + be[j]; if (e !== 0) { ids.push(ai[i]); exps.push(e); } i++; j++; }
    }
    const xa = this.expArg[a], xb = this.expArg[b];
    let expArg: Poly | null = xa && xb ? polySum([xa, xb]) : (xa ?? xb);
    if (expArg && expArg.size === 0) expArg = null;
    const id = this.intern(ids, exps, expArg);
    this.products.set(pair, id);
    return id;
  }

  /** m^q for a rational exponent q (exponent vector and exp argument scaled), or null if an exponent would not be dyadic. */
  power(m: number, q: number): number | null {
    const exps = this.exps[m].map((x) => x * q);
    if (!exps.every(isDyadic)) return null;
    const arg = this.expArg[m];
    return this.intern(this.ids[m], exps, arg ? scalePoly(arg, qFromFraction(new Fraction(q))) : null);
  }

  /** Canonical string of a polynomial (atom keys, equality of denominators). */
  polyKey(p: Poly): string {
    return [...p].map(([m, c]) => m + ':' + qKey(c)).sort().join('+');
  }

  /**
   * The monomial's key in the string form of earlier versions ("3*7^2|e(...)"):
   * the order in which terms are printed and leading terms chosen, kept so
   * that canonical output (and the derivations printed from it) is unchanged.
   */
  printKey(m: number): string {
    const hit = this.legacy[m];
    if (hit !== undefined) return hit;
    const ids = this.ids[m], exps = this.exps[m], arg = this.expArg[m];
    let k = '';
    for (let i = 0; i < ids.length; i++) k += (i ? '*' : '') + ids[i] + (exps[i] === 1 ? '' : '^' + exps[i]);
    if (arg) k += '|e(' + [...arg].map(([x, c]) => qToFraction(c).toFraction() + ':' + this.printKey(x)).sort().join('+') + ')';
    this.legacy[m] = k;
    return k;
  }
}

// ---- polynomial arithmetic over one table ----
function scalePoly(p: Poly, c: Q): Poly {
  const out = new Map<number, Q>();
  if (qIsZero(c)) return out;
  for (const [m, x] of p) out.set(m, qMul(x, c));
  return out;
}
/** out += c * m (mutable accumulation; zero coefficients removed). */
function addTerm(out: Map<number, Q>, m: number, c: Q): void {
  const cur = out.get(m);
  if (cur === undefined) { out.set(m, c); return; }
  const s = qAdd(cur, c);
  if (qIsZero(s)) out.delete(m); else out.set(m, s);
}
/** Sum of polynomials sharing no table state (exp arguments): one accumulator, linear in the number of terms. */
function polySum(ps: readonly Poly[]): Map<number, Q> {
  let largest = 0;
  for (let i = 1; i < ps.length; i++) if (ps[i].size > ps[largest].size) largest = i;
  const out = new Map(ps[largest]);
  for (let i = 0; i < ps.length; i++) if (i !== largest) for (const [m, c] of ps[i]) addTerm(out, m, c);
  return out;
}
const constPoly = (c: Q): Poly => (qIsZero(c) ? new Map() : new Map([[ONE, c]]));
const ONE_POLY: Poly = constPoly(Q1);
const isOne = (p: Poly): boolean => p.size === 1 && p.has(ONE) && qIsOne(p.get(ONE)!);
function polyEquals(a: Poly, b: Poly): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [m, c] of a) { const d = b.get(m); if (d === undefined || !qEquals(c, d)) return false; }
  return true;
}

export class NormalForm {
  private readonly atomIds = new Map<string, number>();
  private readonly atomExprs: Expr[] = [];
  private readonly positiveIds = new Set<number>();
  private readonly monos = new MonomialTable();
  private readonly memo = new Map<Expr, Rat>();
  /**
   * positive: symbols known to be positive (roots of monomials in them are split).
   * opaqueActivations: relu and leaky_relu as uninterpreted functions (no
   * relu(z) = z H(z)): an identity then holds only if it follows without the
   * activation semantics, e.g. after the rewrites of rules/activations.
   */
  constructor(private readonly positive: ReadonlySet<string> = new Set(), private readonly opaqueActivations = false) {}

  /** True when e is identically zero (as a rational function in its atoms). */
  isZero(e: Expr): boolean { return this.rat(e).num.size === 0; }

  /** True when e is a Laurent polynomial in its atoms (denominator 1). */
  isPolynomial(e: Expr): boolean { return isOne(this.rat(e).den); }

  /** Canonical expression (expanded numerator over expanded denominator). */
  canonical(e: Expr): Expr { return this.ratToExpr(this.rat(e)); }

  /**
   * Numerator coefficients by monomial key, when the denominator is 1 (a
   * Laurent polynomial in the atoms); null otherwise. Used for coefficient
   * matching (linear symmetry search, invariant and metric ansatzes). Keys are
   * meaningful within this NormalForm only.
   */
  coefficients(e: Expr): Map<string, Fraction> | null {
    const r = this.rat(e);
    return isOne(r.den) ? this.coefficientMap(r.num) : null;
  }

  /**
   * True when sum_k a_k b_k is identically zero. With polynomial parts (the
   * common case: a_k = c theta_j, b_k a component of a gradient) the products
   * are accumulated term by term in one map, without building the sum as an
   * expression; otherwise the sum goes through the rational route.
   */
  isZeroCombination(terms: readonly (readonly [Expr, Expr])[]): boolean {
    const rats = terms.map(([a, b]) => [this.rat(a), this.rat(b)] as const);
    if (rats.every(([a, b]) => isOne(a.den) && isOne(b.den))) {
      const out = new Map<number, Q>();
      for (const [a, b] of rats) for (const [x, cx] of a.num) for (const [y, cy] of b.num) addTerm(out, this.monos.mul(x, y), qMul(cx, cy));
      return out.size === 0;
    }
    return this.sum(rats.map(([a, b]) => this.ratMul(a, b))).num.size === 0;
  }

  /** Number of monomials in the numerator (a size measure for reports). */
  termCount(e: Expr): number { return this.rat(e).num.size; }

  /** Canonical key of a polynomial of this NormalForm. */
  polyKey(p: Poly): string { return this.monos.polyKey(p); }

  /** Product of two polynomials of this NormalForm. */
  polyMul(a: Poly, b: Poly): Poly {
    const out = new Map<number, Q>();
    for (const [x, cx] of a) for (const [y, cy] of b) addTerm(out, this.monos.mul(x, y), qMul(cx, cy));
    return out;
  }

  /** Coefficients of a polynomial by monomial key, in print order. */
  coefficientMap(p: Poly): Map<string, Fraction> {
    return new Map([...p].map(([m, c]) => [this.monos.printKey(m), qToFraction(c)] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)));
  }

  rat(e: Expr): Rat {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const r = this.build(e);
    this.memo.set(e, r);
    return r;
  }

  private build(e: Expr): Rat {
    switch (e.kind) {
      case 'num': return { num: constPoly(qFromFraction(e.value)), den: ONE_POLY };
      case 'sym': return this.atomRat(e.name, () => sym(e.name), e.name);
      case 'add': return this.sum(e.terms.map((t) => this.rat(t)));
      case 'mul': return e.factors.map((t) => this.rat(t)).reduce((a, b) => this.ratMul(a, b));
      case 'pow': return this.power(e.base, e.exp);
      case 'call': return this.callRat(e.fn, e.args);
    }
  }

  /** n-ary sum: the polynomial terms in one accumulator, rational terms grouped by denominator. */
  private sum(rs: readonly Rat[]): Rat {
    if (rs.length === 1) return rs[0];
    const polys: Poly[] = [];
    const rational: Rat[] = [];
    for (const r of rs) if (isOne(r.den)) polys.push(r.num); else rational.push(r);
    let acc: Rat = { num: polys.length ? polySum(polys) : new Map(), den: ONE_POLY };
    // Same denominator: add numerators; otherwise cross-multiply (the normal form does not cancel common factors).
    const byDen = new Map<string, { den: Poly; nums: Poly[] }>();
    for (const r of rational) {
      const k = this.monos.polyKey(r.den);
      const g = byDen.get(k);
      if (g) g.nums.push(r.num); else byDen.set(k, { den: r.den, nums: [r.num] });
    }
    for (const { den, nums } of byDen.values()) acc = this.ratAdd(acc, this.normaliseRat({ num: polySum(nums), den }));
    return acc;
  }

  private atomRat(key: string, mk: () => Expr, positiveName?: string): Rat {
    let id = this.atomIds.get(key);
    if (id === undefined) {
      id = this.atomExprs.length;
      this.atomIds.set(key, id);
      this.atomExprs.push(mk());
      if (positiveName && this.positive.has(positiveName)) this.positiveIds.add(id);
    }
    return { num: new Map([[this.monos.intern([id], [1], null), Q1]]), den: ONE_POLY };
  }

  private power(base: Expr, exp: Expr): Rat {
    // (B^q)^n = B^(q n) for integer n: folds roots back, e.g. (sqrt(P))^2 = P.
    if (base.kind === 'pow' && base.exp.kind === 'num' && exp.kind === 'num' && exp.value.d === 1n) {
      return this.power(base.base, num(base.exp.value.mul(exp.value)));
    }
    const b = this.rat(base);
    if (exp.kind === 'num') {
      const q = exp.value;
      if (q.d === 1n) {
        const n = Number(q.n) * Number(q.s);
        return n >= 0 ? this.ratPow(b, n) : this.ratPow({ num: b.den, den: b.num }, -n);
      }
      const qv = q.valueOf();
      // Root of a positive monomial: split factor by factor (valid since all atoms are positive).
      if (isDyadic(qv) && b.den.size === 1 && b.num.size === 1) {
        const split = this.monomialRoot(b.num, qv);
        const splitDen = split && this.monomialRoot(b.den, qv);
        if (split && splitDen) return { num: split, den: splitDen };
      }
      // (P^(1/k))^m with mk integer is folded back when the opaque root is raised: keep as atom.
      const key = `root(${this.ratKey(b)};${q.toFraction()})`;
      return this.atomRat(key, () => pow(this.ratToExpr(b), num(q)));
    }
    const key = `pow(${this.ratKey(b)};${this.ratKey(this.rat(exp))})`;
    return this.atomRat(key, () => pow(this.ratToExpr(b), this.canonical(exp)));
  }

  private monomialRoot(p: Poly, q: number): Poly | null {
    const [m, coef] = [...p][0];
    if (this.monos.ids[m].some((id) => !this.positiveIds.has(id)) || qSign(coef) < 0) return null;
    const c = qPow(coef, q);
    if (c === null) return null;
    const root = this.monos.power(m, q);
    return root === null ? null : new Map([[root, c]]);
  }

  private callRat(fn: FnName, args: readonly Expr[]): Rat {
    const z = args[0];
    switch (this.opaqueActivations && (fn === 'relu' || fn === 'leaky_relu') ? 'opaque' : fn) {
      case 'relu': return this.ratMul(this.rat(z), this.callRat('heaviside', [z]));
      case 'leaky_relu': {
        const a = this.rat(args[1]);
        const h = this.callRat('heaviside', [z]);
        // a + (1 - a) H(z)
        const slope = this.sum([a, this.ratMul({ num: polySum([ONE_POLY, scalePoly(a.num, qNeg(Q1))]), den: a.den }, h)]);
        return this.ratMul(this.rat(z), slope);
      }
      case 'exp': {
        const r = this.rat(z);
        if (r.den.size === 1 && r.den.has(ONE)) {
          const arg = scalePoly(r.num, qInv(r.den.get(ONE)!));
          if (arg.size === 0) return { num: ONE_POLY, den: ONE_POLY };
          return { num: new Map([[this.monos.intern([], [], arg), Q1]]), den: ONE_POLY };
        }
        break;
      }
      case 'heaviside': case 'sign': {
        // Scale-free: H(c z) = H(z) for c > 0, so the argument is made primitive
        // (leading coefficient, in print order, of absolute value 1).
        const r = this.rat(z);
        if (r.den.size === 1 && r.den.has(ONE) && r.num.size > 0) {
          let lead = -1, leadKey = '';
          for (const m of r.num.keys()) { const k = this.monos.printKey(m); if (lead < 0 || k < leadKey) { lead = m; leadKey = k; } }
          const scale = qMul(qInv(qAbs(r.num.get(lead)!)), qSign(r.den.get(ONE)!) < 0 ? qNeg(Q1) : Q1);
          const prim: Rat = { num: scalePoly(r.num, scale), den: ONE_POLY };
          return this.atomRat(`${fn}(${this.ratKey(prim)})`, () => call(fn, this.ratToExpr(prim)));
        }
        break;
      }
      default: break;
    }
    const rs = args.map((a) => this.rat(a));
    return this.atomRat(`${fn}(${rs.map((r) => this.ratKey(r)).join(';')})`, () => call(fn, ...rs.map((r) => this.ratToExpr(r))));
  }

  private ratKey(r: Rat): string { return this.monos.polyKey(r.num) + '/' + this.monos.polyKey(r.den); }

  private ratToExpr(r: Rat): Expr {
    const n = this.polyToExpr(r.num);
    return isOne(r.den) ? n : mul(n, pow(this.polyToExpr(r.den), -1));
  }

  polyToExpr(p: Poly): Expr {
    const terms = [...p].map(([m, c]) => ({ key: this.monos.printKey(m), m, c })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return add(...terms.map(({ m, c }) => {
      const fs: Expr[] = [num(qToFraction(c))];
      const ids = this.monos.ids[m], exps = this.monos.exps[m], arg = this.monos.expArg[m];
      ids.forEach((id, i) => fs.push(pow(this.atomExprs[id], num(new Fraction(exps[i])))));
      if (arg) fs.push(call('exp', this.polyToExpr(arg)));
      return mul(...fs);
    }));
  }

  // ---- rational functions ----
  /** Invert a single-term polynomial (a Laurent monomial), or null. */
  private monoInverse(p: Poly): Poly | null {
    if (p.size !== 1) return null;
    const [m, c] = [...p][0];
    const inv = this.monos.power(m, -1);
    return inv === null ? null : new Map([[inv, qInv(c)]]);
  }
  private normaliseRat(r: Rat): Rat {
    if (r.den.size === 0) throw new RangeError('division by zero in normal form');
    if (isOne(r.den)) return r;
    // Monomial denominators are absorbed as negative exponents (Laurent form).
    const inv = this.monoInverse(r.den);
    return inv ? { num: this.polyMul(r.num, inv), den: ONE_POLY } : r;
  }
  private ratAdd(a: Rat, b: Rat): Rat {
    if (b.num.size === 0) return a;
    if (a.num.size === 0) return b;
    if (isOne(a.den) && isOne(b.den)) return { num: polySum([a.num, b.num]), den: ONE_POLY };
    if (polyEquals(a.den, b.den)) return this.normaliseRat({ num: polySum([a.num, b.num]), den: a.den });
    return this.normaliseRat({ num: polySum([this.polyMul(a.num, b.den), this.polyMul(b.num, a.den)]), den: this.polyMul(a.den, b.den) });
  }
  private ratMul(a: Rat, b: Rat): Rat {
    if (isOne(a.den) && isOne(b.den)) return { num: this.polyMul(a.num, b.num), den: ONE_POLY };
    return this.normaliseRat({ num: this.polyMul(a.num, b.num), den: this.polyMul(a.den, b.den) });
  }
  private ratPow(r: Rat, n: number): Rat {
    let result: Rat = { num: ONE_POLY, den: ONE_POLY };
    let base = this.normaliseRat(r);
    while (n > 0) {
      if (n & 1) result = this.ratMul(result, base);
      n >>= 1;
      if (n) base = this.ratMul(base, base);
    }
    return result;
  }
}

export { Q0 };
