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

/**
 * `src` parsed, with jet names canonicalised and every defined name expanded:
 * the `where` definitions and `steps` (the rule's own `before`/`after`
 * expressions, the objects the step states), each with its jet derivatives
 * (F_x is d/dx of F's expansion); definitions may use other definitions.
 */
export function expandObligationSide(src: string | Expr, o: IdentityObligation, steps: ReadonlyMap<string, Expr> = new Map()): Expr {
  const jet = jetOf(o.jet);
  const definitions = new Map<string, Expr>([...steps, ...Object.entries(o.where).map(([k, v]) => [k, parseExpr(v)] as const)]);
  const memo = new Map<string, Expr>();
  const expand = (e: Expr, depth: number): Expr => {
    if (depth > 16) throw new RangeError('obligation: definitions nest more than 16 deep (a cycle between `where` names?)');
    const bindings = new Map<string, Expr>();
    for (const name of freeSymbols(e)) {
      const { base, letters } = split(name);
      const def = definitions.get(base);
      if (def !== undefined) {
        let d = memo.get(name);
        if (d === undefined) {
          d = expand(def, depth + 1);
          for (const l of letters) d = diff(d, l, jet);
          memo.set(name, d);
        }
        bindings.set(name, d);
      } else if (o.jet[base] && letters) bindings.set(name, sym(canonical(base, letters)));
    }
    return substitute(e, bindings);
  };
  const expanded = expand(typeof src === 'string' ? parseExpr(src) : src, 0);
  const subs = new Map(Object.entries(o.substitute).map(([k, v]) => [k, substitute(parseExpr(v), new Map(freeSymbols(parseExpr(v)).map((n) => { const s = split(n); return [n, sym(canonical(s.base, s.letters))] as const; })))] as const));
  return substitute(expanded, subs);
}

/** The three checks of one identity; `steps` binds `before`/`after` to the step's own expressions. */
export function checkObligation(o: IdentityObligation, seed: number, steps: ReadonlyMap<string, Expr> = new Map()): Check[] {
  return checkIdentity(expandObligationSide(o.lhs, o, steps), expandObligationSide(o.rhs, o, steps), { seed, positive: o.positive });
}
