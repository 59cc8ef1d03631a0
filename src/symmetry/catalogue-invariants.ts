// Quotient coordinates of a network from the rules' `invariants.contract`:
// parameters are multiplied along paths towards the output for as long as the
// unit they feed carries a continuous symmetry. Through a site with contract
// `unit` (per-unit rescaling) the unit index is kept (W2_kj W1_ji, W2_kj b1_j);
// through `layer` (GL(h)) it is summed (entries of W2 W1, W2 b1); a site with
// no contraction closes the paths (its parameters are untouched). At the output,
// `output-difference` (softmax translation) takes differences against output 1.
// Candidates are verified by the stage (xi . grad w = 0 for every generator).
import type { Model } from '../architecture/model.js';
import { add, mul, sub, sym } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import type { Contraction } from './catalogue-rules.js';
import type { Site } from './catalogue.js';

export interface InvariantCandidate {
  readonly expr: Expr;
  /** Rules whose contraction the path went through (empty: an untouched parameter). */
  readonly rules: readonly string[];
  /** Index of the segment (maximal run of layers joined by contractions) the path lies in. */
  readonly segment: number;
}

/** A path vector: components over the units of the current layer. */
interface PathVector { readonly comps: readonly Expr[]; readonly rules: readonly string[] }

/** The contraction at each layer: the coarsest one among its continuous rules (layer > unit). */
export function contractions(sites: readonly Site[], layers: number): { mode: Contraction; rules: string[] }[] {
  const at: { mode: Contraction; rules: string[] }[] = [];
  for (let l = 0; l < layers; l++) {
    const here = sites.filter((s) => s.layer === l && s.rule.kind === 'continuous' && s.rule.invariants);
    const order: Contraction[] = ['layer', 'output-difference', 'unit'];
    const mode = order.find((m) => here.some((s) => s.rule.invariants!.contract === m));
    if (mode) at[l] = { mode, rules: [...here.filter((s) => s.rule.invariants!.contract === mode), ...here.filter((s) => s.rule.invariants!.contract !== mode)].map((s) => s.rule.id) };
  }
  return at;
}

export function pathInvariants(model: Model, sites: readonly Site[]): InvariantCandidate[] {
  const L = model.layers.length;
  const through = contractions(sites, L);
  const out: InvariantCandidate[] = [];
  let segment = 0;
  const close = (vs: readonly PathVector[]): void => {
    vs.forEach((v) => v.comps.forEach((expr) => out.push({ expr, rules: v.rules, segment })));
    if (vs.length) segment++;
  };
  let open: PathVector[] = [];
  model.layers.forEach((layer, l) => {
    const fanIn = layer.weights[0].length;
    const prev = l > 0 ? through[l - 1] : undefined;
    const hidden = prev && prev.mode !== 'output-difference' ? prev : undefined;
    const next: PathVector[] = [];
    if (!hidden) {
      close(open);
      for (let i = 0; i < fanIn; i++) next.push({ comps: layer.weights.map((row) => sym(row[i])), rules: [] });
    } else if (hidden.mode === 'unit') {
      for (const v of open) for (let i = 0; i < fanIn; i++) next.push({ comps: layer.weights.map((row) => mul(sym(row[i]), v.comps[i])), rules: union(v.rules, hidden.rules) });
    } else {
      for (const v of open) next.push({ comps: layer.weights.map((row) => add(...row.map((w, i) => mul(sym(w), v.comps[i])))), rules: union(v.rules, hidden.rules) });
    }
    if (layer.bias) next.push({ comps: layer.bias.map((b) => sym(b)), rules: [] });
    open = next;
  });
  const last = through[L - 1];
  if (last?.mode === 'output-difference') {
    close(open.map((v) => ({ comps: v.comps.slice(1).map((c) => sub(c, v.comps[0])), rules: union(v.rules, last.rules) })));
  } else close(open);
  return out;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
