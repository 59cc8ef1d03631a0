// The IR owns the semantics of every elementary function and activation: its
// value, its derivative and its spellings. The CAS libraries do not know ReLU or
// Heaviside (and nerdamer differentiates max(0, w*x) to 0), so no derivative here
// is delegated to them (docs/theory.md §3).
import { add, call, mul, neg, num, pow, sub } from './build.js';
import type { Expr } from './expr.js';

export type FnName =
  | 'relu' | 'heaviside' | 'dirac' | 'leaky_relu' | 'tanh' | 'sigmoid' | 'softplus'
  | 'exp' | 'log' | 'abs' | 'sign' | 'sin' | 'cos';

export interface FnSpec {
  readonly arity: number;
  /** Numeric value. */
  readonly eval: (...xs: number[]) => number;
  /** d f(args) / d args[0]; further arguments are parameters (e.g. leaky slope). */
  readonly derivative: (...args: Expr[]) => Expr;
  /** LaTeX spelling of the function name (applied as \name\left(...\right)). */
  readonly latex: string;
  /** Positively homogeneous of degree 1: f(a z) = a f(z) for a > 0 (docs/theory.md §1 rescaling). */
  readonly positivelyHomogeneous: boolean;
}

const H = (z: Expr): Expr => call('heaviside', z);

/**
 * A derivative the IR cannot state as a function: the derivative of the Dirac
 * delta, reached by differentiating a kink (relu, abs, max(0, z)) twice or a
 * jump (sign, heaviside) once more than a delta. Callers with a spec at hand
 * turn it into a refusal that names the loss (exit 2), not an internal error.
 */
export class NotDifferentiable extends Error {
  constructor(readonly fn: FnName) {
    super(`the derivative of ${fn} is a distribution the engine does not represent (the derivative of the Dirac delta)`);
  }
}

export const FUNCTIONS: Readonly<Record<FnName, FnSpec>> = {
  relu: { arity: 1, eval: (z) => (z > 0 ? z : 0), derivative: (z) => H(z), latex: '\\operatorname{relu}', positivelyHomogeneous: true },
  // H(0) = 0 by convention so that relu'(0) = 0 as in autograd frameworks.
  heaviside: { arity: 1, eval: (z) => (z > 0 ? 1 : 0), derivative: (z) => call('dirac', z), latex: '\\Theta', positivelyHomogeneous: false },
  dirac: { arity: 1, eval: (z) => (z === 0 ? Infinity : 0), derivative: () => { throw new NotDifferentiable('dirac'); }, latex: '\\delta', positivelyHomogeneous: false },
  // leaky_relu(z, a) = max(a z, z) for 0 < a < 1; derivative a + (1 - a) H(z).
  leaky_relu: { arity: 2, eval: (z, a) => (z > 0 ? z : a * z), derivative: (z, a) => add(a, mul(sub(num(1), a), H(z))), latex: '\\operatorname{lrelu}', positivelyHomogeneous: true },
  tanh: { arity: 1, eval: Math.tanh, derivative: (z) => sub(num(1), pow(call('tanh', z), 2)), latex: '\\tanh', positivelyHomogeneous: false },
  sigmoid: { arity: 1, eval: (z) => 1 / (1 + Math.exp(-z)), derivative: (z) => mul(call('sigmoid', z), sub(num(1), call('sigmoid', z))), latex: '\\sigma', positivelyHomogeneous: false },
  softplus: { arity: 1, eval: (z) => (z > 30 ? z : Math.log1p(Math.exp(z))), derivative: (z) => call('sigmoid', z), latex: '\\operatorname{softplus}', positivelyHomogeneous: false },
  exp: { arity: 1, eval: Math.exp, derivative: (z) => call('exp', z), latex: '\\exp', positivelyHomogeneous: false },
  log: { arity: 1, eval: Math.log, derivative: (z) => pow(z, -1), latex: '\\log', positivelyHomogeneous: false },
  abs: { arity: 1, eval: Math.abs, derivative: (z) => call('sign', z), latex: '\\operatorname{abs}', positivelyHomogeneous: true },
  sign: { arity: 1, eval: Math.sign, derivative: (z) => mul(num(2), call('dirac', z)), latex: '\\operatorname{sign}', positivelyHomogeneous: false },
  sin: { arity: 1, eval: Math.sin, derivative: (z) => call('cos', z), latex: '\\sin', positivelyHomogeneous: false },
  cos: { arity: 1, eval: Math.cos, derivative: (z) => neg(call('sin', z)), latex: '\\cos', positivelyHomogeneous: false },
};

export const isFnName = (s: string): s is FnName => Object.prototype.hasOwnProperty.call(FUNCTIONS, s);

/** Other spellings the parser accepts for a function of FUNCTIONS. */
export const FUNCTION_ALIASES: Readonly<Record<string, FnName>> = { H: 'heaviside', Theta: 'heaviside', lrelu: 'leaky_relu', leakyrelu: 'leaky_relu', ln: 'log' };

/**
 * Names a parameter may not take: the functions (and their aliases, sqrt and
 * max) and the constants the expression language or a reader would take for
 * a number (pi, e, i).
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(FUNCTIONS), ...Object.keys(FUNCTION_ALIASES), 'sqrt', 'max', 'min',
  'pi', 'PI', 'e', 'E', 'i', 'tau', 'phi', 'Infinity', 'NaN', 'true', 'false', 'null', 'undefined',
]);

/** Functions with a kink or a jump: their second derivative (or first) is a Dirac delta. */
export const NON_SMOOTH: ReadonlySet<FnName> = new Set(['relu', 'heaviside', 'dirac', 'leaky_relu', 'abs', 'sign']);

/** The non-smooth functions applied in `e`, sorted, each once. */
export function nonSmoothCalls(e: Expr): FnName[] {
  const found = new Set<FnName>();
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === 'call' && NON_SMOOTH.has(x.fn)) found.add(x.fn);
    if (x.kind === 'add') stack.push(...x.terms);
    else if (x.kind === 'mul') stack.push(...x.factors);
    else if (x.kind === 'pow') stack.push(x.base, x.exp);
    else if (x.kind === 'call') stack.push(...x.args);
  }
  return [...found].sort();
}

/** Activation names accepted in specs, mapped to how they act on a pre-activation z. */
export const ACTIVATIONS = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid', 'softplus'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
