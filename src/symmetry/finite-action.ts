// The finite group action, shown by rewriting (issue 2 part 3): rescale unit 1
// of the first hidden layer by a = 2 in the first sample's output,
// f -> W2_{k1}/2 relu(2 z_1) + ..., then the activation rules from
// rules/activations (e.g. relu(a x) = a relu(x), a > 0) bring it back to f.
import type { Model } from '../architecture/model.js';
import { add, mul, num, sym } from '../ir/build.js';
import { equals, type Expr } from '../ir/expr.js';
import { isPositivelyHomogeneous } from '../ir/functions.js';
import { applyActivation } from '../architecture/mlp.js';
import { replaceNodes, substitute } from '../ir/substitute.js';
import { numericCheck } from '../derivation/checks.js';
import { sub } from '../ir/build.js';
import { NormalForm } from '../ir/normal-form.js';
import type { Check } from '../derivation/types.js';
import type { Step } from '../derivation/types.js';
import { latex } from '../print/latex-expr.js';
import type { RewriteRule } from '../rewrite/rules.js';
import { rewriteToFixpoint } from '../rewrite/runner.js';

export function finiteRescalingSteps(model: Model, rules: readonly RewriteRule[], seed: number): Step[] {
  const first = model.layers[0];
  if (!model.dataset || model.layers.length < 2 || !isPositivelyHomogeneous(first.activation)) return [];
  const x = model.dataset.inputs[0];
  // The same construction as the forward map, so the node is shared structurally.
  const z = add(...first.weights[0].map((w, i) => mul(sym(w), num(String(x[i])))), ...(first.bias ? [sym(first.bias[0])] : []));
  const deep = model.layers.length > 2 && model.architecture !== undefined;
  const f = deep ? taggedBlock(model, x, z) : model.outputs[0];
  const a = num(2);
  const outgoing = new Map(model.layers[1].weights.map((row) => [row[0], mul(num(1, 2), sym(row[0]))] as const));
  const acted = replaceNodes(substitute(f, outgoing), (n) => (equals(n, z) ? mul(a, z) : undefined));
  const { result, steps } = rewriteToFixpoint(acted, rules, { seed, stage: 'symmetry' });
  return [
    ...steps.map((s) => ({ ...s, id: `symmetry/finite-action-${s.id.split('-').pop()}`, title: `Finite rescaling of unit 1 (a = 2): ${s.rule}` })),
    {
      id: 'symmetry/finite-action', stage: 'symmetry', rule: 'positive-rescaling',
      title: 'The finite action leaves the output unchanged',
      statement: `Rescaling unit 1 of layer 1 by $a = 2$ in ${deep ? `$\\sum_k s_k y_k$ for the pre-activations $y_k$ of layer 2 at the first sample (fresh symbols $s_k$: it is unchanged iff every $y_k$ is; $f$ depends on the parameters of layers 1, 2 only through $y$, so $g\\cdot y = y$ gives $g\\cdot f = f$ without rewriting the whole output)` : "the first sample's output"} and applying ${steps.length} activation rewrite(s) gives back ${deep ? '$\\sum_k s_k y_k$' : '$f(x_1)$'}: $g\\cdot f = f$, with $z_1 = ${latex(z)}$.`,
      before: { kind: 'expr', expr: acted }, after: { kind: 'expr', expr: result },
      conditions: [`rewrites applied: ${steps.map((s) => s.rule).join(', ') || 'none'}`],
      checks: [finiteActionCheck(result, f), numericCheck(result, f, { seed, points: 3 })],
    },
  ];
}

/**
 * sum_k s_k y_k for the layer-2 pre-activations y_k at the sample x, built as
 * the forward map builds them (z_1 is the node the action rescales, shared
 * structurally), in fresh symbols s_k: zero change iff every y_k is unchanged.
 */
function taggedBlock(model: Model, x: readonly number[], z1: Expr): Expr {
  const [first, second] = model.layers, arch = model.architecture!;
  const u = first.weights.map((row, j) => applyActivation(arch.layers[0], j === 0 ? z1 : add(...row.map((w, i) => mul(sym(w), num(String(x[i])))), ...(first.bias ? [sym(first.bias[j])] : []))));
  return add(...second.weights.map((row, k) => mul(sym(`fa_s_${k + 1}`), add(...row.map((w, j) => mul(sym(w), u[j])), ...(second.bias ? [sym(second.bias[k])] : [])))));
}

/**
 * g . f = f proved from the rewrites alone: the normal form with relu and
 * leaky_relu opaque (it does not know relu(a z) = a relu(z)), so the check
 * passes only when the rules of rules/activations brought g . f back to f.
 */
function finiteActionCheck(result: Expr, f: Expr): Check {
  const nf = new NormalForm(new Set(), true);
  return nf.isZero(sub(result, f))
    ? { method: 'normal-form', status: 'passed', detail: 'after the rewrites, g . f - f reduces to 0 with the activations as opaque functions (the equality follows from the rewrite rules)' }
    : { method: 'normal-form', status: 'failed', detail: `after the rewrites, g . f - f does not reduce to 0 with the activations opaque (${nf.termCount(sub(result, f))} term(s) left): the rules in rules/activations do not prove the finite action` };
}
