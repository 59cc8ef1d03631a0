// Checking an identity obligation in jet space. Symbols F_abc are derivatives:
// of a `where`-defined F (computed by differentiation) or of an abstract jet
// function F (a new symbol, letters sorted so u_xt = u_tx).
import { sym } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { freeSymbols } from '../ir/expr.js';
import { diff, type Jet } from '../ir/diff.js';
import { parseExpr } from '../ir/parse.js';
import { substitute } from '../ir/substitute.js';
import { checkIdentity } from '../derivation/checks.js';
import type { Check } from '../derivation/types.js';
import type { IdentityObligation } from './transform-rules.js';

const split = (name: string): { base: string; letters: string } => {
  const m = /^([A-Za-z][A-Za-z0-9]*)_([a-z]+)$/.exec(name);
  return m ? { base: m[1], letters: m[2] } : { base: name, letters: '' };
};
const canonical = (base: string, letters: string): string => (letters ? `${base}_${[...letters].sort().join('')}` : base);

export function jetOf(functions: Readonly<Record<string, readonly string[]>>): Jet {
  return (name, v) => {
    const { base, letters } = split(name);
    const vars = functions[base];
    if (!vars || !vars.includes(v) || [...letters].some((l) => !vars.includes(l))) return undefined;
    return sym(canonical(base, letters + v));
  };
}

/** Parse with jet names canonicalised and `where` definitions (and their derivatives) expanded. */
export function expandObligationSide(src: string, o: IdentityObligation): Expr {
  const jet = jetOf(o.jet);
  const e = parseExpr(src);
  const bindings = new Map<string, Expr>();
  for (const name of freeSymbols(e)) {
    const { base, letters } = split(name);
    if (o.where[base] !== undefined) {
      let d = parseExpr(o.where[base]);
      for (const l of letters) d = diff(d, l, jet);
      bindings.set(name, d);
    } else if (o.jet[base] && letters) bindings.set(name, sym(canonical(base, letters)));
  }
  const expanded = substitute(e, bindings);
  const subs = new Map(Object.entries(o.substitute).map(([k, v]) => [k, substitute(parseExpr(v), new Map(freeSymbols(parseExpr(v)).map((n) => { const s = split(n); return [n, sym(canonical(s.base, s.letters))] as const; })))] as const));
  return substitute(expanded, subs);
}

export function checkObligation(o: IdentityObligation, seed: number): Check[] {
  return checkIdentity(expandObligationSide(o.lhs, o), expandObligationSide(o.rhs, o), { seed, positive: o.positive });
}
