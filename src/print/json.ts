// Derivation -> JSON. Every Expr becomes {text, latex}; keys keep their
// insertion order (deterministic), 2-space indent, trailing newline.
import type { Derivation } from '../derivation/derivation.js';
import type { Expr } from '../ir/expr.js';
import { latex } from './latex-expr.js';
import { text } from './text.js';

const isExpr = (v: unknown): v is Expr => typeof v === 'object' && v !== null && 'kind' in v && 'hash' in v;

export function json(d: Derivation): string {
  return JSON.stringify(d, (_key, value: unknown) => (isExpr(value) ? { text: text(value), latex: latex(value) } : value), 2) + '\n';
}
