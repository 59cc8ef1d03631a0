// Lowering scalar losses L(theta) (src/ir Expr) to kernels over a flat
// parameter vector. Recipe, with the type at each stage:
//   Expr                      L, or grad L (src/ir/diff), or H v = grad(grad L . v)
//   -> CseResult              passes/cse.ts over all outputs at once
//   -> Kernel                 unpack theta into named locals, shared nodes as locals, out[k] = ...
// The stability rewrites (passes/stability.ts) run on the Kernel before printing.
import { add, mul, sym } from '../ir/build.js';
import { diff, gradient } from '../ir/diff.js';
import type { Expr } from '../ir/expr.js';
import { assign, comment, declare, index, kvar, type ArrayParam, type Kernel, type KExpr, type Stmt } from './kernel-ir.js';
import { lowerExprs } from './lower-expr.js';

export interface LowerOptions {
  /** Common-subexpression elimination (default true). */
  readonly cse?: boolean;
}

const ARRAY_NAMES = new Set(['theta', 'v', 'out']);

/** Local names for the parameters: identifiers, distinct from the arrays and the CSE locals t0, t1, ... */
function localNames(symbols: readonly string[], taken: Set<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of symbols) {
    let n = s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_');
    while (taken.has(n) || ARRAY_NAMES.has(n) || /^t[0-9]+$/.test(n)) n += '_';
    taken.add(n);
    names.set(s, n);
  }
  return names;
}

const array = (name: string, length: number, intent: ArrayParam['intent']): ArrayParam => ({ k: 'array', name, length, intent });

/**
 * outputs[k] = exprs[k](theta[, v]): the shared straight-line kernel behind the
 * loss, gradient, Hessian-vector-product and slope kernels.
 */
export function lowerOutputs(name: string, doc: string, exprs: readonly Expr[], params: readonly string[], o: LowerOptions & { readonly direction?: readonly string[]; readonly labels?: readonly string[] } = {}): Kernel {
  const taken = new Set<string>();
  const thetaNames = localNames(params, taken);
  const dirNames = localNames((o.direction ?? []).map((d) => d), taken);
  const bind = (s: string): KExpr => {
    const n = thetaNames.get(s) ?? dirNames.get(s);
    if (n === undefined) throw new Error(`codegen: the expression uses ${s}, which is not a parameter (${params.join(', ')})`);
    return kvar(n);
  };
  const lowered = lowerExprs(exprs, bind, { cse: o.cse ?? true });
  const unpack = (arrayName: string, symbols: readonly string[], names: Map<string, string>): Stmt[] =>
    symbols.length === 0 ? [] : [comment(`${arrayName} = (${symbols.join(', ')})`), ...symbols.map((s, i) => declare(names.get(s)!, index(arrayName, i)))];
  const body: Stmt[] = [
    ...unpack('theta', params, thetaNames),
    ...unpack('v', o.direction ?? [], dirNames),
    ...(lowered.stmts.length > 0 ? [comment(`${lowered.stmts.length} common subexpressions, each computed once`)] : []),
    ...lowered.stmts,
    ...lowered.values.flatMap((value, k) => [...(o.labels ? [comment(o.labels[k])] : []), assign(index('out', k), value)]),
  ];
  const inputs = [array('theta', params.length, 'in'), ...(o.direction ? [array('v', params.length, 'in')] : [])];
  return { name, doc, inputs, outputs: [array('out', exprs.length, 'out')], temps: [], body };
}

/** The loss kernel: out[0] = L(theta). */
export function lowerScalar(name: string, loss: Expr, params: readonly string[], o: LowerOptions = {}): Kernel {
  return lowerOutputs(name, `L(theta) for theta = (${params.join(', ')})`, [loss], params, { ...o, labels: ['L'] });
}

/** The gradient kernel: out[i] = dL/dtheta_i, symbolic (src/ir/diff), CSE across all outputs. */
export function lowerGradient(name: string, loss: Expr, params: readonly string[], o: LowerOptions = {}): Kernel {
  return lowerOutputs(name, 'grad L(theta): symbolic gradient, common subexpressions of all components computed once', gradient(loss, params), params, { ...o, labels: params.map((p) => `dL/d${p}`) });
}

/**
 * The Hessian-vector product H(theta) v, as the gradient of the directional
 * derivative: (H v)_i = d/dtheta_i (sum_j v_j dL/dtheta_j) (H symmetric), CSE
 * across all outputs; v is a second input array.
 */
export function lowerHessianVectorProduct(name: string, loss: Expr, params: readonly string[], o: LowerOptions = {}): Kernel {
  const direction = params.map((p) => `v_${p}`);
  const directional = add(...gradient(loss, params).map((g, j) => mul(g, sym(direction[j]))));
  return lowerOutputs(name, 'H(theta) v = grad(grad L(theta) . v): Hessian-vector product, v a second array', params.map((p) => diff(directional, p)), params, { ...o, direction, labels: params.map((p) => `(H v)_${p}`) });
}

/** Names used by the first version of this module (bench/codegen.ts). */
export const gradientKernel = lowerGradient;
