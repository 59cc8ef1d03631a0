// Strings -> IR, through mathjs's parser (its AST is translated node by node;
// mathjs never evaluates anything here). Only the parser is instantiated, from
// the number-only build: loading the full mathjs bundle cost about half of the
// CLI's start-up.
import { create, parseDependencies } from 'mathjs/number';
import type { MathNode } from 'mathjs';
import { add, call, div, mul, neg, num, pow, sub, sym } from './build.js';
import type { Expr } from './expr.js';
import { FUNCTIONS, isFnName } from './functions.js';

export class ParseError extends Error {}

const { parse: mathParse } = create({ parseDependencies });

const ALIASES: Record<string, string> = { heaviside: 'heaviside', H: 'heaviside', Theta: 'heaviside', lrelu: 'leaky_relu', leakyrelu: 'leaky_relu', ln: 'log', sqrt: 'sqrt' };

export function parseExpr(src: string): Expr {
  let node: MathNode;
  try {
    node = mathParse(src);
  } catch (e) {
    throw new ParseError(`cannot parse "${src}": ${(e as Error).message}`);
  }
  return fromMath(node, src);
}

function fromMath(n: MathNode, src: string): Expr {
  const anyN = n as unknown as Record<string, unknown> & { type: string };
  switch (anyN.type) {
    case 'ConstantNode': {
      const v = anyN.value;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParseError(`in "${src}": unsupported constant ${String(v)}`);
      // Decimal literals become exact rationals (0.1 -> 1/10).
      return num(String(v));
    }
    case 'SymbolNode': {
      const name = anyN.name as string;
      return sym(name);
    }
    case 'ParenthesisNode':
      return fromMath(anyN.content as MathNode, src);
    case 'OperatorNode': {
      const args = (anyN.args as MathNode[]).map((a) => fromMath(a, src));
      const fn = anyN.fn as string;
      switch (fn) {
        case 'add': return add(...args);
        case 'subtract': return sub(args[0], args[1]);
        case 'multiply': return mul(...args);
        case 'divide': return div(args[0], args[1]);
        case 'pow': return pow(args[0], args[1]);
        case 'unaryMinus': return neg(args[0]);
        case 'unaryPlus': return args[0];
        default: throw new ParseError(`in "${src}": unsupported operator ${anyN.op as string}`);
      }
    }
    case 'FunctionNode': {
      const fnNode = anyN.fn as { name?: string };
      const raw = fnNode.name ?? '?';
      const name = ALIASES[raw] ?? raw;
      const args = (anyN.args as MathNode[]).map((a) => fromMath(a, src));
      if (name === 'sqrt') {
        if (args.length !== 1) throw new ParseError(`in "${src}": sqrt takes 1 argument`);
        return pow(args[0], num(1, 2));
      }
      if (name === 'max' && args.length === 2 && args[0].kind === 'num' && args[0].value.equals(0)) return call('relu', args[1]);
      if (!isFnName(name)) throw new ParseError(`in "${src}": unknown function ${raw}() (known: ${Object.keys(FUNCTIONS).join(', ')}, sqrt)`);
      const arity = FUNCTIONS[name].arity;
      if (args.length !== arity) throw new ParseError(`in "${src}": ${raw}() takes ${arity} argument(s), got ${args.length}`);
      return call(name, ...args);
    }
    default:
      throw new ParseError(`in "${src}": unsupported syntax (${anyN.type})`);
  }
}
