// Patterns are IR expressions in which `?x` marks a pattern variable (parsed
// as the reserved symbol name __pv_x).
import type { Expr } from '../ir/expr.js';
import { freeSymbols } from '../ir/expr.js';
import { parseExpr } from '../ir/parse.js';

const PREFIX = '__pv_';
export const parsePattern = (src: string): Expr => parseExpr(src.replace(/\?([A-Za-z][A-Za-z0-9]*)/g, `${PREFIX}$1`));
export const patternVariable = (name: string): string | undefined => (name.startsWith(PREFIX) ? name.slice(PREFIX.length) : undefined);
export const patternVariables = (e: Expr): string[] => freeSymbols(e).map(patternVariable).filter((v): v is string => v !== undefined);
export type Bindings = ReadonlyMap<string, Expr>;
