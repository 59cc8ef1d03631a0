// Applies rewrite rules bottom-up to a fixpoint (bounded). Every application
// is a derivation step carrying the rule id and the checks of before = after.
import { add, call, mul, pow } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import { substitute } from '../ir/substitute.js';
import { checkIdentity } from '../derivation/checks.js';
import type { Stage, Step } from '../derivation/types.js';
import { guardHolds } from './guards.js';
import { matchPattern } from './match.js';
import type { RewriteRule } from './rules.js';

export interface RewriteOptions { readonly seed: number; readonly stage: Stage; readonly maxPasses?: number }

function instantiate(rule: RewriteRule, b: ReadonlyMap<string, Expr>): Expr {
  return substitute(rule.rhs, new Map([...b].map(([k, v]) => [`__pv_${k}`, v] as const)));
}

export function rewriteToFixpoint(expr: Expr, rules: readonly RewriteRule[], o: RewriteOptions): { result: Expr; steps: Step[] } {
  const steps: Step[] = [];
  const rewriteNode = (e: Expr): Expr => {
    for (const rule of rules) {
      const b = matchPattern(rule.lhs, e);
      if (b && rule.guards.every((g) => guardHolds(g, b))) {
        const after = instantiate(rule, b);
        steps.push({
          id: `${o.stage}/rewrite-${steps.length + 1}`, stage: o.stage, rule: rule.id, title: `Rewrite by ${rule.id}`, statement: rule.statement,
          before: { kind: 'expr', expr: e }, after: { kind: 'expr', expr: after }, conditions: rule.condition,
          checks: checkIdentity(e, after, { seed: o.seed + steps.length }),
        });
        return after;
      }
    }
    return e;
  };
  const pass = (e: Expr): Expr => {
    const rebuilt = ((): Expr => {
      switch (e.kind) {
        case 'num': case 'sym': return e;
        case 'add': return add(...e.terms.map(pass));
        case 'mul': return mul(...e.factors.map(pass));
        case 'pow': return pow(pass(e.base), pass(e.exp));
        case 'call': return call(e.fn, ...e.args.map(pass));
      }
    })();
    return rewriteNode(rebuilt);
  };
  let cur = expr;
  for (let k = 0; k < (o.maxPasses ?? 10); k++) {
    const before = steps.length;
    cur = pass(cur);
    if (steps.length === before) break;
  }
  return { result: cur, steps };
}
