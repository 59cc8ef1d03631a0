// The function registry: the IR owns the semantics of every elementary function
// and activation, one entry each: its value, its derivative, its LaTeX, its
// spelling in every code-generation target (and the helper a target needs),
// whether it has a kink; and, per activation, sigma' and sigma'' in any algebra
// (IR expressions, kernel expressions, numbers), so the symbolic model, the
// tensor-route kernels and the network numerics read one definition. The CAS
// libraries do not know ReLU or Heaviside (and nerdamer differentiates
// max(0, w*x) to 0), so no derivative here is delegated to them
// (docs/theory.md §3). Adding an activation is one FUNCTIONS entry (if it is a
// new function) and one ACTIVATION_TABLE entry.
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
  /** A kink or a jump: its second derivative (or first) is a Dirac delta. */
  readonly nonSmooth: boolean;
  /**
   * Spelling per code-generation target ($0, $1 the printed arguments, each
   * used once) and the helper functions a spelling calls (hg_*); absent for
   * dirac, which the kernels never call (lowered to 0 away from the kink).
   */
  readonly code?: FnCode;
}

/** The code-generation targets' function spellings: scalar JS/TS, C, Python (math), NumPy (element-wise), PyTorch. */
export type CodeSpelling = 'js' | 'c' | 'python' | 'numpy' | 'torch';
export interface FnCode {
  readonly spell: Readonly<Record<CodeSpelling, string>>;
  /** Helper definitions by spelling; in 'js', `$T` stands for the TypeScript annotation (': number' or ''). */
  readonly helpers?: Readonly<Partial<Record<CodeSpelling, string>>>;
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

const SOFTPLUS_COMMENT = 'log(1 + e^z) = max(z, 0) + log1p(e^-|z|): no overflow';

export const FUNCTIONS: Readonly<Record<FnName, FnSpec>> = {
  relu: {
    arity: 1, eval: (z) => (z > 0 ? z : 0), derivative: (z) => H(z), latex: '\\operatorname{relu}', positivelyHomogeneous: true, nonSmooth: true,
    code: { spell: { js: 'Math.max(0, $0)', c: 'fmax(0.0, $0)', python: 'max(0.0, $0)', numpy: 'np.maximum(0.0, $0)', torch: 'torch.relu($0)' } },
  },
  // H(0) = 0 by convention so that relu'(0) = 0 as in autograd frameworks.
  heaviside: {
    arity: 1, eval: (z) => (z > 0 ? 1 : 0), derivative: (z) => call('dirac', z), latex: '\\Theta', positivelyHomogeneous: false, nonSmooth: true,
    code: { spell: { js: '($0 > 0 ? 1 : 0)', c: '($0 > 0.0 ? 1.0 : 0.0)', python: '(1.0 if $0 > 0 else 0.0)', numpy: 'np.heaviside($0, 0.0)', torch: '($0 > 0).to(torch.float64)' } },
  },
  dirac: { arity: 1, eval: (z) => (z === 0 ? Infinity : 0), derivative: () => { throw new NotDifferentiable('dirac'); }, latex: '\\delta', positivelyHomogeneous: false, nonSmooth: true },
  // leaky_relu(z, a) = max(a z, z) for 0 < a < 1; derivative a + (1 - a) H(z).
  leaky_relu: {
    arity: 2, eval: (z, a) => (z > 0 ? z : a * z), derivative: (z, a) => add(a, mul(sub(num(1), a), H(z))), latex: '\\operatorname{lrelu}', positivelyHomogeneous: true, nonSmooth: true,
    code: {
      spell: { js: 'hg_leaky_relu($0, $1)', c: 'hg_leaky_relu($0, $1)', python: 'hg_leaky_relu($0, $1)', numpy: 'hg_leaky_relu_v($0, $1)', torch: 'hg_leaky_relu($0, $1)' },
      helpers: {
        js: 'function hg_leaky_relu(z$T, a$T)$T { return z > 0 ? z : a * z; }',
        c: 'static double hg_leaky_relu(double z, double a) { return z > 0.0 ? z : a * z; }',
        python: 'def hg_leaky_relu(z, a):\n    return z if z > 0 else a * z\n\n\ndef hg_leaky_relu_v(z, a):\n    return np.where(z > 0, z, a * z)\n',
        torch: 'def hg_leaky_relu(z, a):\n    return torch.where(z > 0, z, a * z)\n',
      },
    },
  },
  tanh: {
    arity: 1, eval: Math.tanh, derivative: (z) => sub(num(1), pow(call('tanh', z), 2)), latex: '\\tanh', positivelyHomogeneous: false, nonSmooth: false,
    code: { spell: { js: 'Math.tanh($0)', c: 'tanh($0)', python: 'math.tanh($0)', numpy: 'np.tanh($0)', torch: 'torch.tanh($0)' } },
  },
  sigmoid: {
    arity: 1, eval: (z) => 1 / (1 + Math.exp(-z)), derivative: (z) => mul(call('sigmoid', z), sub(num(1), call('sigmoid', z))), latex: '\\sigma', positivelyHomogeneous: false, nonSmooth: false,
    code: {
      spell: { js: '1 / (1 + Math.exp(-($0)))', c: '1.0 / (1.0 + exp(-($0)))', python: 'hg_sigmoid($0)', numpy: '1.0 / (1.0 + np.exp(-($0)))', torch: 'torch.sigmoid($0)' },
      helpers: { python: 'def hg_sigmoid(z):\n    # 1 / (1 + e^-z), without overflow in math.exp for z << 0\n    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))\n' },
    },
  },
  softplus: {
    arity: 1, eval: (z) => (z > 30 ? z : Math.log1p(Math.exp(z))), derivative: (z) => call('sigmoid', z), latex: '\\operatorname{softplus}', positivelyHomogeneous: false, nonSmooth: false,
    code: {
      spell: { js: 'hg_softplus($0)', c: 'hg_softplus($0)', python: 'hg_softplus($0)', numpy: 'np.logaddexp(0.0, $0)', torch: 'torch.nn.functional.softplus($0)' },
      helpers: {
        js: 'function hg_softplus(z$T)$T { return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); }',
        c: `/* softplus(z) = ${SOFTPLUS_COMMENT} */\nstatic double hg_softplus(double z) { return fmax(z, 0.0) + log1p(exp(-fabs(z))); }`,
        python: `def hg_softplus(z):\n    # ${SOFTPLUS_COMMENT}\n    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))\n`,
      },
    },
  },
  exp: {
    arity: 1, eval: Math.exp, derivative: (z) => call('exp', z), latex: '\\exp', positivelyHomogeneous: false, nonSmooth: false,
    code: { spell: { js: 'Math.exp($0)', c: 'exp($0)', python: 'math.exp($0)', numpy: 'np.exp($0)', torch: 'torch.exp($0)' } },
  },
  log: {
    arity: 1, eval: Math.log, derivative: (z) => pow(z, -1), latex: '\\log', positivelyHomogeneous: false, nonSmooth: false,
    code: { spell: { js: 'Math.log($0)', c: 'log($0)', python: 'math.log($0)', numpy: 'np.log($0)', torch: 'torch.log($0)' } },
  },
  abs: {
    arity: 1, eval: Math.abs, derivative: (z) => call('sign', z), latex: '\\operatorname{abs}', positivelyHomogeneous: true, nonSmooth: true,
    code: { spell: { js: 'Math.abs($0)', c: 'fabs($0)', python: 'abs($0)', numpy: 'np.abs($0)', torch: 'torch.abs($0)' } },
  },
  sign: {
    arity: 1, eval: Math.sign, derivative: (z) => mul(num(2), call('dirac', z)), latex: '\\operatorname{sign}', positivelyHomogeneous: false, nonSmooth: true,
    code: {
      spell: { js: 'Math.sign($0)', c: 'hg_sign($0)', python: 'hg_sign($0)', numpy: 'np.sign($0)', torch: 'torch.sign($0)' },
      helpers: {
        c: 'static double hg_sign(double z) { return z > 0.0 ? 1.0 : z < 0.0 ? -1.0 : 0.0; }',
        python: 'def hg_sign(z):\n    return 1.0 if z > 0 else (-1.0 if z < 0 else 0.0)\n',
      },
    },
  },
  sin: {
    arity: 1, eval: Math.sin, derivative: (z) => call('cos', z), latex: '\\sin', positivelyHomogeneous: false, nonSmooth: false,
    code: { spell: { js: 'Math.sin($0)', c: 'sin($0)', python: 'math.sin($0)', numpy: 'np.sin($0)', torch: 'torch.sin($0)' } },
  },
  cos: {
    arity: 1, eval: Math.cos, derivative: (z) => neg(call('sin', z)), latex: '\\cos', positivelyHomogeneous: false, nonSmooth: false,
    code: { spell: { js: 'Math.cos($0)', c: 'cos($0)', python: 'math.cos($0)', numpy: 'np.cos($0)', torch: 'torch.cos($0)' } },
  },
};

/** The functions generated code may call (every function but dirac). */
export type CodeFn = Exclude<FnName, 'dirac'>;

/** Each code function's spelling in one target's flavour. */
export function codeSpellings(spelling: CodeSpelling): Record<CodeFn, string> {
  const out: Partial<Record<CodeFn, string>> = {};
  for (const [name, spec] of Object.entries(FUNCTIONS) as [FnName, FnSpec][]) if (name !== 'dirac') out[name] = spec.code!.spell[spelling];
  return out as Record<CodeFn, string>;
}

/** The helper definitions one target's spellings call, by function. */
export function codeHelpers(spelling: CodeSpelling, annotation = ''): Partial<Record<CodeFn, string>> {
  const out: Partial<Record<CodeFn, string>> = {};
  for (const [name, spec] of Object.entries(FUNCTIONS) as [FnName, FnSpec][]) {
    const helper = name === 'dirac' ? undefined : spec.code?.helpers?.[spelling];
    if (helper !== undefined) out[name as CodeFn] = helper.replaceAll('$T', annotation);
  }
  return out;
}

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
export const NON_SMOOTH: ReadonlySet<FnName> = new Set((Object.keys(FUNCTIONS) as FnName[]).filter((f) => FUNCTIONS[f].nonSmooth));

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

/**
 * The operations an activation's derivatives are written in, so one formula
 * serves IR expressions, kernel expressions and numbers alike.
 */
export interface Algebra<T> {
  readonly num: (c: number) => T;
  readonly sub: (a: T, b: T) => T;
  readonly mul: (a: T, b: T) => T;
  readonly call: (fn: FnName, ...args: T[]) => T;
  /** `then` where z > 0, else `otherwise` (the kink convention H(0) = 0). */
  readonly positive: (z: T, then: T, otherwise: T) => T;
}

/** How an activation acts on a pre-activation z (slope: the leaky ReLU's, else unused). */
export interface ActivationSpec {
  /** The IR function applied, sigma(z) = fn(z) (fn(z, slope) for a function of arity 2); undefined for the identity. */
  readonly fn?: FnName;
  /** sigma'(z), written with a = sigma(z) where that is cheaper; undefined where it is the factor 1. */
  readonly first: <T>(A: Algebra<T>, z: T, a: T, slope: T) => T | undefined;
  /** sigma''(z), undefined where it vanishes (relu'' = dirac, 0 away from the kink, as the scalar route lowers it). */
  readonly second: <T>(A: Algebra<T>, z: T, a: T, slope: T) => T | undefined;
}

const ACTIVATION_TABLE = {
  identity: { first: () => undefined, second: () => undefined },
  relu: { fn: 'relu', first: (A, z) => A.call('heaviside', z), second: () => undefined },
  leaky_relu: { fn: 'leaky_relu', first: (A, z, _a, slope) => A.positive(z, A.num(1), slope), second: () => undefined },
  // tanh' = 1 - tanh^2, tanh'' = -2 tanh (1 - tanh^2)
  tanh: { fn: 'tanh', first: (A, _z, a) => A.sub(A.num(1), A.mul(a, a)), second: (A, _z, a) => A.mul(A.num(-2), A.mul(a, A.sub(A.num(1), A.mul(a, a)))) },
  // sigmoid' = s (1 - s), sigmoid'' = s (1 - s) (1 - 2 s)
  sigmoid: { fn: 'sigmoid', first: (A, _z, a) => A.mul(a, A.sub(A.num(1), a)), second: (A, _z, a) => A.mul(A.mul(a, A.sub(A.num(1), a)), A.sub(A.num(1), A.mul(A.num(2), a))) },
  // softplus' = sigmoid, softplus'' = s (1 - s) with s = sigmoid(z)
  softplus: { fn: 'softplus', first: (A, z) => A.call('sigmoid', z), second: (A, z) => A.mul(A.call('sigmoid', z), A.sub(A.num(1), A.call('sigmoid', z))) },
} as const satisfies Record<string, ActivationSpec>;

export type Activation = keyof typeof ACTIVATION_TABLE;
export const ACTIVATION_SPECS: Readonly<Record<Activation, ActivationSpec>> = ACTIVATION_TABLE;
/** Activation names accepted in specs, in the table's order. */
export const ACTIVATIONS = Object.keys(ACTIVATION_TABLE) as [Activation, ...Activation[]];

/** sigma(z) in an algebra. */
export function activationValue<T>(A: Algebra<T>, activation: Activation, z: T, slope: T): T {
  const { fn } = ACTIVATION_SPECS[activation];
  if (fn === undefined) return z;
  return FUNCTIONS[fn].arity === 2 ? A.call(fn, z, slope) : A.call(fn, z);
}

/** A kinked activation (its function has a kink): activation patterns matter. */
export const isKinked = (activation: Activation): boolean => {
  const { fn } = ACTIVATION_SPECS[activation];
  return fn !== undefined && FUNCTIONS[fn].nonSmooth;
};

/** IR expressions as an algebra (a symbolic sigma'(z) for tests and the symbolic model). */
export const EXPRESSIONS: Algebra<Expr> = {
  num: (c) => num(String(c)), sub, mul: (a, b) => mul(a, b), call,
  positive: (z, then, otherwise) => add(otherwise, mul(sub(then, otherwise), H(z))),
};

/** sigma(a z) = a sigma(z) for a > 0 (the finite rescaling of docs/theory.md §1); the identity is left to the linear layers. */
export const isPositivelyHomogeneous = (activation: Activation): boolean => {
  const { fn } = ACTIVATION_SPECS[activation];
  return fn !== undefined && FUNCTIONS[fn].positivelyHomogeneous;
};

/** Numbers as an algebra (the kernels' conventions: relu'(0) = H(0) = 0). */
export const NUMBERS: Algebra<number> = {
  num: (c) => c, sub: (a, b) => a - b, mul: (a, b) => a * b,
  call: (fn, ...xs) => FUNCTIONS[fn].eval(...xs),
  positive: (z, then, otherwise) => (z > 0 ? then : otherwise),
};
