// Instantiates catalogue rules on a network's layers. Never names a rule id:
// it interprets the rule vocabulary (applies / generator scope / coefficients).
import type { LinearLayerParams, Model } from '../architecture/model.js';
import { add, mul, num, sym } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';
import type { SymmetryRule } from './catalogue-rules.js';

export interface Site { readonly rule: SymmetryRule; readonly layer: number }

/** A generator before verification: components aligned with model.parameters. */
export interface RawGenerator { readonly id: string; readonly field: Expr[] }
/** A discrete group element as a parameter permutation (name -> name). */
export interface RawPermutation { readonly id: string; readonly mapping: ReadonlyMap<string, string> }

export function sites(rules: readonly SymmetryRule[], model: Model): Site[] {
  const L = model.layers.length;
  return rules.flatMap((rule) => {
    if (rule.applies.loss && rule.applies.loss !== model.lossKind) return [];
    const layers = rule.applies.to === 'output-layer' ? [L - 1] : model.layers.slice(0, L - 1).map((_, l) => l);
    return layers
      .filter((l) => rule.applies.to === 'output-layer' || !rule.applies.activations || rule.applies.activations.includes(model.layers[l].activation))
      .map((layer) => ({ rule, layer }));
  });
}

const zeroField = (n: number): Expr[] => Array.from({ length: n }, () => num(0));

/** Add coef * theta_src to component theta_dst of the field. */
function feed(field: Expr[], index: ReadonlyMap<string, number>, dst: string, src: string | null, coef: number): void {
  if (coef === 0) return;
  const i = index.get(dst)!;
  const term = src === null ? num(coef) : mul(num(coef), sym(src));
  field[i] = add(field[i], term);
}

/**
 * Continuous generators of a site. For hidden layer l with next layer l+1:
 * unit j: in/bias/out coefficients on row j of W_l, b_l[j], column j of W_{l+1};
 * unit-pair (p, q): the generator E_pq of W_l -> A W_l, W_{l+1} -> W_{l+1} A^-1;
 * output-column j: d/dW_L[k][j] summed over k (and the output biases).
 */
export function generatorsOf(site: Site, model: Model): RawGenerator[] {
  const n = model.parameters.length;
  const index = new Map(model.parameters.map((p, i) => [p, i] as const));
  const g = site.rule.generator;
  const cur: LinearLayerParams = model.layers[site.layer];
  const next: LinearLayerParams | undefined = model.layers[site.layer + 1];
  const h = cur.weights.length;
  const make = (id: string, fill: (f: Expr[]) => void): RawGenerator => { const f = zeroField(n); fill(f); return { id, field: f }; };
  switch (g.scope) {
    case 'unit':
      return Array.from({ length: h }, (_, j) => make(`${site.rule.id}/L${cur.index}/u${j + 1}`, (f) => {
        cur.weights[j].forEach((w) => feed(f, index, w, w, g.incoming ?? 0));
        if (cur.bias) feed(f, index, cur.bias[j], cur.bias[j], g.bias ?? 0);
        next?.weights.forEach((row) => feed(f, index, row[j], row[j], g.outgoing ?? 0));
      }));
    case 'unit-pair':
      return Array.from({ length: h * h }, (_, k) => {
        const p = Math.floor(k / h), q = k % h;
        return make(`${site.rule.id}/L${cur.index}/E${p + 1}${q + 1}`, (f) => {
          cur.weights[p].forEach((w, i) => feed(f, index, w, cur.weights[q][i], g.incoming ?? 0));
          if (cur.bias) feed(f, index, cur.bias[p], cur.bias[q], g.bias ?? 0);
          next?.weights.forEach((row) => feed(f, index, row[q], row[p], g.outgoing ?? 0));
        });
      });
    case 'output-column': {
      const cols = cur.weights[0].length;
      const gens = Array.from({ length: cols }, (_, j) => make(`${site.rule.id}/L${cur.index}/col${j + 1}`, (f) => cur.weights.forEach((row) => feed(f, index, row[j], null, 1))));
      if (cur.bias) gens.push(make(`${site.rule.id}/L${cur.index}/bias`, (f) => cur.bias!.forEach((b) => feed(f, index, b, null, 1))));
      return gens;
    }
    case 'adjacent-swap':
      return [];
  }
}

/** Adjacent transpositions (j j+1) of the units of a hidden layer. */
export function permutationsOf(site: Site, model: Model): RawPermutation[] {
  if (site.rule.generator.scope !== 'adjacent-swap') return [];
  const cur = model.layers[site.layer], next = model.layers[site.layer + 1];
  return Array.from({ length: cur.weights.length - 1 }, (_, j) => {
    const m = new Map<string, string>();
    const swap = (a: string, b: string): void => { m.set(a, b); m.set(b, a); };
    cur.weights[j].forEach((w, i) => swap(w, cur.weights[j + 1][i]));
    if (cur.bias) swap(cur.bias[j], cur.bias[j + 1]);
    next.weights.forEach((row) => swap(row[j], row[j + 1]));
    return { id: `${site.rule.id}/L${cur.index}/(${j + 1} ${j + 2})`, mapping: m };
  });
}
