// Named guards a rewrite rule may state as its condition, e.g. positive(?a).
import { freeSymbols, type Expr } from '../ir/expr.js';
import type { Bindings } from './pattern.js';

type Guard = (args: readonly Expr[]) => boolean;

export const GUARDS: Readonly<Record<string, { arity: number; test: Guard }>> = {
  positive: { arity: 1, test: ([a]) => a.kind === 'num' && a.value.s > 0n && !a.value.equals(0) },
  numeric: { arity: 1, test: ([a]) => a.kind === 'num' },
  'free-of': { arity: 2, test: ([a, x]) => x.kind === 'sym' && !freeSymbols(a).includes(x.name) },
};

export interface GuardCall { readonly name: string; readonly vars: readonly string[] }

/** Parse "positive(?a)" / "free-of(?x, ?y)"; null if malformed. */
export function parseGuard(src: string): GuardCall | null {
  const m = /^([a-z-]+)\(([^)]*)\)$/.exec(src.trim());
  if (!m) return null;
  const vars = m[2].split(',').map((s) => s.trim()).map((s) => (/^\?[A-Za-z][A-Za-z0-9]*$/.test(s) ? s.slice(1) : ''));
  return vars.every(Boolean) ? { name: m[1], vars } : null;
}

export const guardHolds = (g: GuardCall, b: Bindings): boolean => GUARDS[g.name].test(g.vars.map((v) => b.get(v)!));
