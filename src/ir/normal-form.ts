// The project's own normal form: an expression is brought to a quotient of
// Laurent polynomials over Q whose "variables" are atoms (symbols, and
// function applications with normalised arguments). Two facts of activation
// semantics are built in because the IR owns them (DESIGN §3):
//   relu(z) = z H(z),   leaky_relu(z, a) = z (a + (1 - a) H(z)),
// and exp is kept as a single merged factor per monomial (exp a exp b = exp(a+b)).
// This is strong enough to prove the polynomial and rational identities the
// symmetry and coarse-graining stages need: an identity lhs = rhs is proved when
// the numerator of lhs - rhs is the zero polynomial.
import { add, call, mul, num, pow, sym } from './build.js';
import { Fraction, type Expr } from './expr.js';
import type { FnName } from './functions.js';

interface Mono {
  readonly key: string;
  /** atom ids, ascending, with their (dyadic rational) exponents. */
  readonly ids: readonly number[];
  readonly exps: readonly number[];
  /** argument of the merged exp(...) factor, or null. */
  readonly expArg: Poly | null;
}
interface Term { readonly mono: Mono; readonly coef: Fraction }
export type Poly = ReadonlyMap<string, Term>;
export interface Rat { readonly num: Poly; readonly den: Poly }

const ONE_MONO: Mono = { key: '', ids: [], exps: [], expArg: null };
const F0 = new Fraction(0);
const F1 = new Fraction(1);

function monoKey(ids: readonly number[], exps: readonly number[], expArg: Poly | null): string {
  let k = '';
  for (let i = 0; i < ids.length; i++) k += (i ? '*' : '') + ids[i] + (exps[i] === 1 ? '' : '^' + exps[i]);
  if (expArg) k += '|e(' + polyKey(expArg) + ')';
  return k;
}
export function polyKey(p: Poly): string {
  return [...p.keys()].sort().map((k) => p.get(k)!.coef.toFraction() + ':' + k).join('+');
}
const isDyadic = (x: number): boolean => Number.isFinite(x) && Number.isInteger(x * 1024);

export class NormalForm {
  private readonly atomIds = new Map<string, number>();
  private readonly atomExprs: Expr[] = [];
  private readonly memo = new Map<Expr, Rat>();
  /** Symbols known to be positive (roots of monomials in them are split). */
  constructor(private readonly positive: ReadonlySet<string> = new Set()) {}

  /** True when e is identically zero (as a rational function in its atoms). */
  isZero(e: Expr): boolean { return this.rat(e).num.size === 0; }

  /** Canonical expression (expanded numerator over expanded denominator). */
  canonical(e: Expr): Expr {
    const r = this.rat(e);
    const n = this.polyToExpr(r.num);
    return r.den.size === 1 && r.den.has('') && r.den.get('')!.coef.equals(1) ? n : mul(n, pow(this.polyToExpr(r.den), -1));
  }

  /**
   * Numerator coefficients by monomial key, when the denominator is 1 (a
   * Laurent polynomial in the atoms); null otherwise. Used for coefficient
   * matching (linear symmetry search, invariant and metric ansatzes).
   */
  coefficients(e: Expr): Map<string, Fraction> | null {
    const r = this.rat(e);
    if (!(r.den.size === 1 && r.den.has('') && r.den.get('')!.coef.equals(1))) return null;
    return new Map([...r.num].map(([k, t]) => [k, t.coef]));
  }

  /** Number of monomials in the numerator (a size measure for reports). */
  termCount(e: Expr): number { return this.rat(e).num.size; }

  rat(e: Expr): Rat {
    const hit = this.memo.get(e);
    if (hit) return hit;
    const r = this.build(e);
    this.memo.set(e, r);
    return r;
  }

  private build(e: Expr): Rat {
    switch (e.kind) {
      case 'num': return { num: constPoly(e.value), den: constPoly(F1) };
      case 'sym': return this.atomRat(e.name, () => sym(e.name), e.name);
      case 'add': return e.terms.map((t) => this.rat(t)).reduce(ratAdd);
      case 'mul': return e.factors.map((t) => this.rat(t)).reduce(ratMul);
      case 'pow': return this.power(e.base, e.exp);
      case 'call': return this.callRat(e.fn, e.args);
    }
  }

  private atomRat(key: string, mk: () => Expr, positiveName?: string): Rat {
    let id = this.atomIds.get(key);
    if (id === undefined) {
      id = this.atomExprs.length;
      this.atomIds.set(key, id);
      this.atomExprs.push(mk());
      if (positiveName && this.positive.has(positiveName)) this.positiveIds.add(id);
    }
    const mono: Mono = { key: monoKey([id], [1], null), ids: [id], exps: [1], expArg: null };
    return { num: new Map([[mono.key, { mono, coef: F1 }]]), den: constPoly(F1) };
  }
  private readonly positiveIds = new Set<number>();

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
        return n >= 0 ? ratPow(b, n) : ratPow({ num: b.den, den: b.num }, -n);
      }
      const qv = q.valueOf();
      // Root of a positive monomial: split factor by factor (valid since all atoms are positive).
      if (isDyadic(qv) && b.den.size === 1 && b.num.size === 1) {
        const split = this.monomialRoot(b.num, qv);
        const splitDen = split && this.monomialRoot(b.den, qv);
        if (split && splitDen) return { num: split, den: splitDen };
      }
      // (P^(1/k))^m with mk integer is folded back when the opaque root is raised: keep as atom.
      const key = `root(${ratKey(b)};${q.toFraction()})`;
      return this.atomRat(key, () => pow(this.ratToExpr(b), num(q)));
    }
    const key = `pow(${ratKey(b)};${ratKey(this.rat(exp))})`;
    return this.atomRat(key, () => pow(this.ratToExpr(b), this.canonical(exp)));
  }

  private monomialRoot(p: Poly, q: number): Poly | null {
    const t = [...p.values()][0];
    if (t.mono.ids.some((id) => !this.positiveIds.has(id)) || t.coef.s < 0n) return null;
    const c = t.coef.pow(q) as Fraction | null;
    if (c === null) return null;
    const exps = t.mono.exps.map((x) => x * q);
    if (!exps.every(isDyadic)) return null;
    const expArg = t.mono.expArg ? scalePoly(t.mono.expArg, new Fraction(q)) : null;
    const mono: Mono = { key: monoKey(t.mono.ids, exps, expArg), ids: t.mono.ids, exps, expArg };
    return new Map([[mono.key, { mono, coef: c }]]);
  }

  private callRat(fn: FnName, args: readonly Expr[]): Rat {
    const z = args[0];
    switch (fn) {
      case 'relu': return ratMul(this.rat(z), this.callRat('heaviside', [z]));
      case 'leaky_relu': {
        const a = this.rat(args[1]);
        const h = this.callRat('heaviside', [z]);
        // a + (1 - a) H(z)
        const slope = ratAdd(a, ratMul(ratAdd(constRat(F1), ratScale(a, new Fraction(-1))), h));
        return ratMul(this.rat(z), slope);
      }
      case 'exp': {
        const r = this.rat(z);
        if (r.den.size === 1 && r.den.has('')) {
          const arg = scalePoly(r.num, F1.div(r.den.get('')!.coef));
          if (arg.size === 0) return constRat(F1);
          const mono: Mono = { key: monoKey([], [], arg), ids: [], exps: [], expArg: arg };
          return { num: new Map([[mono.key, { mono, coef: F1 }]]), den: constPoly(F1) };
        }
        break;
      }
      case 'heaviside': case 'sign': {
        // Scale-free: H(c z) = H(z) for c > 0, so the argument is made primitive.
        const r = this.rat(z);
        if (r.den.size === 1 && r.den.has('') && r.num.size > 0) {
          const lead = r.num.get([...r.num.keys()].sort()[0])!.coef.abs();
          const prim: Rat = { num: scalePoly(r.num, F1.div(lead).mul(r.den.get('')!.coef.s < 0n ? -1 : 1)), den: constPoly(F1) };
          return this.atomRat(`${fn}(${ratKey(prim)})`, () => call(fn, this.ratToExpr(prim)));
        }
        break;
      }
      default: break;
    }
    const rs = args.map((a) => this.rat(a));
    return this.atomRat(`${fn}(${rs.map(ratKey).join(';')})`, () => call(fn, ...rs.map((r) => this.ratToExpr(r))));
  }

  private ratToExpr(r: Rat): Expr {
    const n = this.polyToExpr(r.num);
    return r.den.size === 1 && r.den.has('') && r.den.get('')!.coef.equals(1) ? n : mul(n, pow(this.polyToExpr(r.den), -1));
  }

  polyToExpr(p: Poly): Expr {
    const keys = [...p.keys()].sort();
    return add(...keys.map((k) => {
      const { mono, coef } = p.get(k)!;
      const fs: Expr[] = [num(coef)];
      mono.ids.forEach((id, i) => fs.push(pow(this.atomExprs[id], num(new Fraction(mono.exps[i])))));
      if (mono.expArg) fs.push(call('exp', this.polyToExpr(mono.expArg)));
      return mul(...fs);
    }));
  }
}

// ---- polynomial arithmetic (pure) ----
const constPoly = (c: Fraction): Poly => (c.equals(0) ? new Map() : new Map([['', { mono: ONE_MONO, coef: c }]]));
const constRat = (c: Fraction): Rat => ({ num: constPoly(c), den: constPoly(F1) });
const ratKey = (r: Rat): string => polyKey(r.num) + '/' + polyKey(r.den);

function scalePoly(p: Poly, c: Fraction): Poly {
  if (c.equals(0)) return new Map();
  const out = new Map<string, Term>();
  for (const [k, t] of p) out.set(k, { mono: t.mono, coef: t.coef.mul(c) });
  return out;
}
function addInto(out: Map<string, Term>, mono: Mono, coef: Fraction): void {
  const cur = out.get(mono.key);
  if (!cur) { out.set(mono.key, { mono, coef }); return; }
  const c = cur.coef.add(coef);
  if (c.equals(0)) out.delete(mono.key);
  else out.set(mono.key, { mono, coef: c });
}
export function polyAdd(a: Poly, b: Poly): Poly {
  const out = new Map(a);
  for (const t of b.values()) addInto(out, t.mono, t.coef);
  return out;
}
function monoMul(a: Mono, b: Mono): Mono {
  if (a === ONE_MONO) return b;
  if (b === ONE_MONO) return a;
  const ids: number[] = [], exps: number[] = [];
  let i = 0, j = 0;
  while (i < a.ids.length || j < b.ids.length) {
    if (j >= b.ids.length || (i < a.ids.length && a.ids[i] < b.ids[j])) { ids.push(a.ids[i]); exps.push(a.exps[i]); i++; }
    else if (i >= a.ids.length || b.ids[j] < a.ids[i]) { ids.push(b.ids[j]); exps.push(b.exps[j]); j++; }
    else { const e = a.exps[i] + b.exps[j]; if (e !== 0) { ids.push(a.ids[i]); exps.push(e); } i++; j++; }
  }
  let expArg: Poly | null = a.expArg && b.expArg ? polyAdd(a.expArg, b.expArg) : (a.expArg ?? b.expArg);
  if (expArg && expArg.size === 0) expArg = null;
  return { key: monoKey(ids, exps, expArg), ids, exps, expArg };
}
export function polyMul(a: Poly, b: Poly): Poly {
  const out = new Map<string, Term>();
  for (const x of a.values()) for (const y of b.values()) addInto(out, monoMul(x.mono, y.mono), x.coef.mul(y.coef));
  return out;
}
const isOne = (p: Poly): boolean => p.size === 1 && p.has('') && p.get('')!.coef.equals(1);
/** Invert a single-term polynomial (a Laurent monomial), or null. */
function monoInverse(p: Poly): Poly | null {
  if (p.size !== 1) return null;
  const t = [...p.values()][0];
  const exps = t.mono.exps.map((x) => -x);
  const expArg = t.mono.expArg ? scalePoly(t.mono.expArg, new Fraction(-1)) : null;
  const mono: Mono = t.mono === ONE_MONO ? ONE_MONO : { key: monoKey(t.mono.ids, exps, expArg), ids: t.mono.ids, exps, expArg };
  return new Map([[mono.key, { mono, coef: F1.div(t.coef) }]]);
}
function normaliseRat(r: Rat): Rat {
  if (r.den.size === 0) throw new RangeError('division by zero in normal form');
  if (isOne(r.den)) return r;
  // Monomial denominators are absorbed as negative exponents (Laurent form).
  const inv = monoInverse(r.den);
  return inv ? { num: polyMul(r.num, inv), den: constPoly(F1) } : r;
}
function ratAdd(a: Rat, b: Rat): Rat {
  if (isOne(a.den) && isOne(b.den)) return { num: polyAdd(a.num, b.num), den: a.den };
  if (polyKey(a.den) === polyKey(b.den)) return normaliseRat({ num: polyAdd(a.num, b.num), den: a.den });
  return normaliseRat({ num: polyAdd(polyMul(a.num, b.den), polyMul(b.num, a.den)), den: polyMul(a.den, b.den) });
}
function ratMul(a: Rat, b: Rat): Rat {
  if (isOne(a.den) && isOne(b.den)) return { num: polyMul(a.num, b.num), den: a.den };
  return normaliseRat({ num: polyMul(a.num, b.num), den: polyMul(a.den, b.den) });
}
function ratScale(a: Rat, c: Fraction): Rat { return { num: scalePoly(a.num, c), den: a.den }; }
function ratPow(r: Rat, n: number): Rat {
  let result: Rat = constRat(F1);
  let base = normaliseRat(r);
  while (n > 0) {
    if (n & 1) result = ratMul(result, base);
    n >>= 1;
    if (n) base = ratMul(base, base);
  }
  return result;
}
export { F0 };
