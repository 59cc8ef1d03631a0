// Derivation -> JSON, byte-stable: every Expr becomes {latex, text} (never the
// node with its hash), object keys are sorted (the bytes do not depend on how
// a stage built its objects), 2-space indent, trailing newline. Numbers JSON
// cannot hold are written as strings ("NaN", "Infinity") rather than as null.
import type { Derivation } from '../derivation/derivation.js';
import type { Expr } from '../ir/expr.js';
import { latex } from './latex-expr.js';
import { text } from './text.js';

const EXPR_KINDS = new Set(['num', 'sym', 'add', 'mul', 'pow', 'call']);
const isExpr = (v: object): v is Expr => 'kind' in v && 'hash' in v && EXPR_KINDS.has((v as { kind: string }).kind);

/** A plain JSON value with expressions serialised and keys sorted. */
export function toJsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (typeof v === 'object') {
    if (isExpr(v)) return { latex: latex(v), text: text(v) };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && typeof x !== 'function') out[k] = toJsonValue(x);
    }
    return out;
  }
  throw new Error(`json: cannot serialise a ${typeof v}`);
}

export const json = (d: Derivation): string => JSON.stringify(toJsonValue(d), null, 2) + '\n';
