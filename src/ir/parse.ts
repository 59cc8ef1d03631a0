// Strings -> IR, through mathjs's parser (its AST is translated node by node;
// mathjs never evaluates anything here). Only the parser is instantiated, from
// the number-only build: loading the full mathjs bundle cost about half of the
// CLI's start-up.
//
// A loss comes from a user's file, so its size is bounded before anything
// recursive touches it (PARSE_LIMITS): the text length and the bracket depth
// are checked on the raw text (mathjs's parser and every later stage recurse
// once per level), the node count and the exponents on the translated tree
// (an integer power of a constant is folded exactly, so 10^10^10 would be a
// BigInt of 10^10 digits; nested powers multiply polynomial degrees).
import { create, parseDependencies } from 'mathjs/number';
import type { MathNode } from 'mathjs';
import { add, call, div, mul, neg, num, pow, sub, sym } from './build.js';
import type { Expr } from './expr.js';
import { FUNCTIONS, FUNCTION_ALIASES, isFnName } from './functions.js';

export class ParseError extends Error {}

export interface ParseLimits {
  readonly characters: number; readonly depth: number; readonly functionDepth: number; readonly nodes: number;
  readonly exponent: number; readonly degree: number; readonly powerTower: number;
}

/** No bounds: expressions the engine writes itself (rule files, printed text read back). */
const UNLIMITED: ParseLimits = { characters: Infinity, depth: Infinity, functionDepth: Infinity, nodes: Infinity, exponent: Infinity, degree: Infinity, powerTower: Infinity };

/** The stated limits on a user's expression (a spec's loss; see the header comment). */
export const PARSE_LIMITS: ParseLimits = {
  /** Characters of source text. */
  characters: 4000,
  /** Nesting of brackets and function calls. */
  depth: 24,
  /** Functions applied inside each other's arguments: tanh(tanh(...)) doubles the work per level in the derivatives. */
  functionDepth: 12,
  /** Operators, functions, numbers and symbols in the tree. */
  nodes: 1000,
  /** |p| and q of a constant exponent p/q, and of the product of nested constant exponents. */
  exponent: 100,
  /** Polynomial degree (a product of 40 linear factors is a 40th-degree polynomial for the normal form). */
  degree: 24,
  /** Powers with a non-constant exponent nested inside each other's exponents (w^w is 1, w^w^w is 2). */
  powerTower: 1,
} as const;

const { parse: mathParse } = create({ parseDependencies });

/** How `src` reads in a message: control characters escaped, long text cut. */
export function quoteSource(src: string, max = 60): string {
  const escaped = JSON.stringify(src.length > max ? `${src.slice(0, max - 3)}...` : src);
  return escaped;
}

/** The deepest bracket nesting of the raw text, (...) and [...] alike. */
function bracketDepth(src: string): number {
  let depth = 0, deepest = 0;
  for (const ch of src) {
    if (ch === '(' || ch === '[') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === ']') depth--;
  }
  return deepest;
}

/** Parse an expression the engine writes itself (rule files, printed text read back): no size limits. */
export const parseExpr = (src: string): Expr => parseWithin(src, UNLIMITED);

/** Parse a user's expression (a spec's loss) within `limits`, refusing what is beyond them. */
export function parseWithin(src: string, limits: ParseLimits = PARSE_LIMITS): Expr {
  const shown = quoteSource(src);
  if (src.length > limits.characters) {
    throw new ParseError(`the expression has ${src.length} characters, more than the limit of ${limits.characters}`);
  }
  if (bracketDepth(src) > limits.depth) {
    throw new ParseError(`the expression nests brackets ${bracketDepth(src)} deep, more than the limit of ${limits.depth}`);
  }
  let node: MathNode;
  try {
    node = mathParse(src);
  } catch (e) {
    const hint = src.includes('**') ? ' (powers are written x^2, not x**2)' : '';
    throw new ParseError(`cannot parse ${shown}: ${(e as Error).message}${hint}`);
  }
  const nodes = { count: 0 };
  try {
    const e = fromMath(node, shown, { depth: 0, degree: 1, calls: 0 }, nodes, limits);
    const degree = degreeBound(e);
    if (degree > limits.degree) throw new ParseError(`in ${shown}: the polynomial degree reaches ${degree}, more than the limit of ${limits.degree}`);
    if (towerHeight(e) > limits.powerTower) throw new ParseError(`in ${shown}: powers with non-constant exponents nest deeper than the limit of ${limits.powerTower} (as in w^w^w)`);
    return e;
  } catch (e) {
    // Exact arithmetic on the constants of the text: 1/0, 0^-1.
    if (e instanceof RangeError) throw new ParseError(`in ${shown}: ${e.message}`);
    throw e;
  }
}

/** Where a node sits: call/bracket depth, product of enclosing constant exponents. */
interface Where { readonly depth: number; readonly degree: number; readonly calls: number }

const isZero = (e: Expr): boolean => e.kind === 'num' && e.value.equals(0);

/**
 * An upper bound on the polynomial degree the normal form meets: sums take the
 * largest, products add, constant powers multiply; a function or a
 * non-constant power counts as a new atom over its arguments' degree.
 */
function degreeBound(e: Expr, memo = new Map<Expr, number>()): number {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  const d = (x: Expr): number => degreeBound(x, memo);
  let r: number;
  switch (e.kind) {
    case 'num': r = 0; break;
    case 'sym': r = 1; break;
    case 'add': r = Math.max(...e.terms.map(d)); break;
    case 'mul': r = e.factors.reduce((acc, f) => acc + d(f), 0); break;
    case 'pow': r = e.exp.kind === 'num' ? d(e.base) * Math.ceil(Math.abs(e.exp.value.valueOf())) : Math.max(d(e.base), d(e.exp), 1); break;
    case 'call': r = Math.max(1, ...e.args.map(d)); break;
  }
  memo.set(e, r);
  return r;
}

/** Height of the tower of non-constant exponents: 0 for polynomials, 1 for w^w, 2 for w^(w^w). */
function towerHeight(e: Expr, memo = new Map<Expr, number>()): number {
  const hit = memo.get(e);
  if (hit !== undefined) return hit;
  let h = 0;
  if (e.kind === 'pow') h = Math.max(towerHeight(e.base, memo), e.exp.kind === 'num' ? 0 : 1 + towerHeight(e.exp, memo));
  else if (e.kind === 'add') h = Math.max(0, ...e.terms.map((t) => towerHeight(t, memo)));
  else if (e.kind === 'mul') h = Math.max(0, ...e.factors.map((t) => towerHeight(t, memo)));
  else if (e.kind === 'call') h = Math.max(0, ...e.args.map((t) => towerHeight(t, memo)));
  memo.set(e, h);
  return h;
}

function checkExponent(exp: Expr, at: Where, src: string, PARSE_LIMITS: ParseLimits): Where {
  if (exp.kind !== 'num') return at;
  const p = exp.value.n, q = exp.value.d;
  const degree = at.degree * Number(p > q ? p : q);
  if (Number(p) > PARSE_LIMITS.exponent || Number(q) > PARSE_LIMITS.exponent || degree > PARSE_LIMITS.exponent) {
    throw new ParseError(`in ${src}: constant exponents (nested ones multiplied: ${degree}, at the exponent ${exp.value.toFraction()}) are limited to ${PARSE_LIMITS.exponent}`);
  }
  return { ...at, degree };
}

function fromMath(n: MathNode, src: string, at: Where, nodes: { count: number }, PARSE_LIMITS: ParseLimits): Expr {
  if (n.type !== 'ParenthesisNode' && ++nodes.count > PARSE_LIMITS.nodes) throw new ParseError(`the expression has more than ${PARSE_LIMITS.nodes} operators, functions, numbers and symbols (the limit)`);
  const anyN = n as unknown as Record<string, unknown> & { type: string };
  const inner = { ...at, depth: at.depth + 1 };
  switch (anyN.type) {
    case 'ConstantNode': {
      const v = anyN.value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParseError(`in ${src}: unsupported constant ${quoteSource(String(v), 20)}`);
      // Decimal literals become exact rationals (0.1 -> 1/10).
      return num(String(v));
    }
    case 'SymbolNode': {
      const name = anyN.name as string;
      return sym(name);
    }
    case 'ParenthesisNode':
      return fromMath(anyN.content as MathNode, src, at, nodes, PARSE_LIMITS);
    case 'OperatorNode': {
      const fn = anyN.fn as string;
      const argNodes = anyN.args as MathNode[];
      if (fn === 'pow') {
        // The exponent first: its value bounds the degree the base may reach.
        const exp = fromMath(argNodes[1], src, inner, nodes, PARSE_LIMITS);
        const base = fromMath(argNodes[0], src, checkExponent(exp, inner, src, PARSE_LIMITS), nodes, PARSE_LIMITS);
        return pow(base, exp);
      }
      const args = argNodes.map((a) => fromMath(a, src, inner, nodes, PARSE_LIMITS));
      switch (fn) {
        case 'add': return add(...args);
        case 'subtract': return sub(args[0], args[1]);
        case 'multiply': return mul(...args);
        case 'divide':
          if (isZero(args[1])) throw new ParseError(`in ${src}: division by zero`);
          return div(args[0], args[1]);
        case 'unaryMinus': return neg(args[0]);
        case 'unaryPlus': return args[0];
        default: throw new ParseError(`in ${src}: unsupported operator ${quoteSource(String(anyN.op), 10)}`);
      }
    }
    case 'FunctionNode': {
      const fnNode = anyN.fn as { name?: string };
      const raw = fnNode.name ?? '?';
      const name: string = FUNCTION_ALIASES[raw] ?? raw;
      if (at.calls + 1 > PARSE_LIMITS.functionDepth) throw new ParseError(`in ${src}: functions nest deeper than the limit of ${PARSE_LIMITS.functionDepth} (as in tanh(tanh(...)))`);
      const args = (anyN.args as MathNode[]).map((a) => fromMath(a, src, { ...inner, calls: at.calls + 1 }, nodes, PARSE_LIMITS));
      if (name === 'sqrt') {
        if (args.length !== 1) throw new ParseError(`in ${src}: sqrt takes 1 argument`);
        return pow(args[0], num(1, 2));
      }
      if (name === 'max' && args.length === 2 && isZero(args[0])) return call('relu', args[1]);
      if (name === 'max' && args.length === 2 && isZero(args[1])) return call('relu', args[0]);
      if (!isFnName(name)) throw new ParseError(`in ${src}: unknown function ${quoteSource(raw, 20)}() (known: ${Object.keys(FUNCTIONS).join(', ')}, sqrt, max(0, z))`);
      const arity = FUNCTIONS[name].arity;
      if (args.length !== arity) throw new ParseError(`in ${src}: ${raw}() takes ${arity} argument(s), got ${args.length}`);
      return call(name, ...args);
    }
    default:
      throw new ParseError(`in ${src}: unsupported syntax (${anyN.type})`);
  }
}
