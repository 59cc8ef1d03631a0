// Instantiates catalogue rules on a network's layers. Never names a rule id:
// it interprets the vocabulary of src/symmetry/catalogue-rules.ts. A site is a
// layer l (with l+1 when the rule applies to a hidden layer); its blocks are
// in-row(u) = W_l[u,:], in-column(i) = W_l[:,i], bias(u) = b_l[u] and
// out-column(u) = W_{l+1}[:,u]. Continuous actions give vector fields linear
// in theta (feed) or constant (shift), held as exact coefficients; discrete
// actions give parameter permutations (swap).
import type { LinearLayerParams, Model } from '../architecture/model.js';
import { add, mul, num, pow, sym } from '../ir/build.js';
import { Fraction, type Expr } from '../ir/expr.js';
import type { Block, QuantityTerm, Range, SymmetryRule, Template } from './catalogue-rules.js';
import type { SparseVector } from './sparse-span.js';

export interface Site { readonly rule: SymmetryRule; readonly layer: number }

/** xi_target += coef * theta_source (source null: a constant coef). Indices into model.parameters. */
export interface FieldEntry { readonly target: number; readonly source: number | null; readonly coef: Fraction }
/** A generator before verification. */
export interface LinearField { readonly id: string; readonly entries: readonly FieldEntry[] }
/** A discrete group element as a parameter permutation (name -> name). */
export interface ParameterPermutation { readonly id: string; readonly mapping: ReadonlyMap<string, string> }

export interface InstantiatedFamily {
  readonly id: string;
  readonly site: Site;
  readonly fields: readonly LinearField[];
  readonly permutations: readonly ParameterPermutation[];
}

/** Every (rule, layer) pair whose applies-to matches the model. */
export function sites(rules: readonly SymmetryRule[], model: Model): Site[] {
  const L = model.layers.length;
  return rules.flatMap((rule) => {
    const a = rule.appliesTo;
    if (a.losses && !(model.lossKind && a.losses.includes(model.lossKind))) return [];
    // Dense layers carry no normalisation; a rule without the key applies to un-normalised layers.
    if (!(a.normalisation ?? ['none']).includes('none')) return [];
    const layers = a.layer === 'output' ? [L - 1] : a.layer === 'hidden' ? model.layers.slice(0, L - 1).map((_, l) => l) : model.layers.map((_, l) => l);
    return layers.filter((l) => !a.activations || a.activations.includes(model.layers[l].activation)).map((layer) => ({ rule, layer }));
  });
}

/** Parameter names of a block at unit/input u, or of the whole block when u is undefined. */
function blockNames(model: Model, layer: number, block: Block, u: number | undefined): readonly string[] {
  const cur: LinearLayerParams = model.layers[layer];
  const next: LinearLayerParams | undefined = model.layers[layer + 1];
  switch (block) {
    case 'in-row': return u === undefined ? cur.weights.flat() : cur.weights[u];
    case 'in-column': return u === undefined ? cur.weights.flat() : cur.weights.map((row) => row[u]);
    case 'bias': return cur.bias ? (u === undefined ? cur.bias : [cur.bias[u]]) : [];
    case 'out-column': return next ? (u === undefined ? next.weights.flat() : next.weights.map((row) => row[u])) : [];
  }
}

/** All bindings of a template's index names (0-based values). */
function bindings(model: Model, layer: number, t: Template<unknown>): Map<string, number>[] {
  if (t.over.length === 0) return [new Map()];
  const h = model.layers[layer].weights.length;
  const fanIn = model.layers[layer].weights[0].length;
  const r: Range = t.range!;
  const [a, b] = t.over;
  const seq = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  switch (r) {
    case 'units': return seq(h).map((j) => new Map([[a, j]]));
    case 'inputs': return seq(fanIn).map((i) => new Map([[a, i]]));
    case 'unit-pairs': return seq(h).flatMap((p) => seq(h).map((q) => new Map([[a, p], [b, q]])));
    case 'unit-pairs-symmetric': return seq(h).flatMap((p) => seq(h - p).map((d) => new Map([[a, p], [b, p + d]])));
    case 'adjacent-units': return seq(h - 1).map((j) => new Map([[a, j], [b, j + 1]]));
  }
}

const label = (bind: ReadonlyMap<string, number>, template: number, templates: number): string =>
  bind.size ? [...bind].map(([k, v]) => `${k}=${v + 1}`).join(',') : templates > 1 ? `t${template + 1}` : 'all';

export const familyId = (site: Site): string => `${site.rule.id}/L${site.layer + 1}`;

/** The generators (or permutations) of one site. */
export function instantiateSite(site: Site, model: Model): InstantiatedFamily {
  const index = new Map(model.parameters.map((p, i) => [p, i] as const));
  const id = familyId(site);
  const names = (block: Block, u: number | undefined): readonly string[] => blockNames(model, site.layer, block, u);
  const templates = site.rule.action.generators;
  const fields: LinearField[] = [];
  const permutations: ParameterPermutation[] = [];
  templates.forEach((t, ti) => {
    for (const bind of bindings(model, site.layer, t)) {
      const at = (name: string | undefined): number | undefined => (name === undefined ? undefined : bind.get(name));
      const gid = `${id}[${label(bind, ti, templates.length)}]`;
      if (site.rule.kind === 'discrete') {
        const mapping = new Map<string, string>();
        for (const term of t.terms) {
          if (term.verb !== 'swap') continue;
          const [p, q] = [names(term.block, at(term.between[0])), names(term.block, at(term.between[1]))];
          p.forEach((x, e) => { mapping.set(x, q[e]); mapping.set(q[e], x); });
        }
        if (mapping.size) permutations.push({ id: gid, mapping });
        continue;
      }
      const acc = new Map<string, FieldEntry>();
      const put = (target: string, source: string | null, by: number): void => {
        const t_ = index.get(target)!, s = source === null ? null : index.get(source)!;
        const key = `${t_}:${s ?? '1'}`;
        const coef = (acc.get(key)?.coef ?? new Fraction(0)).add(new Fraction(String(by)));
        acc.set(key, { target: t_, source: s, coef });
      };
      for (const term of t.terms) {
        if (term.verb === 'feed') {
          const src = names(term.block, at(term.from)), dst = names(term.block, at(term.to));
          dst.forEach((x, e) => put(x, src[e], term.by));
        } else if (term.verb === 'shift') names(term.block, at(term.at)).forEach((x) => put(x, null, term.by));
      }
      const entries = [...acc.values()].filter((e) => !e.coef.equals(0)).sort((x, y) => x.target - y.target || (x.source ?? -1) - (y.source ?? -1));
      if (entries.length) fields.push({ id: gid, entries });
    }
  });
  return { id, site, fields, permutations };
}

/**
 * The families of every site, less those that instantiate to no generator and no permutation
 * (S_1 on a width-1 layer: the trivial group claims nothing, and a family without a check would
 * be reported as unverified).
 */
export const instantiateFamilies = (rules: readonly SymmetryRule[], model: Model): InstantiatedFamily[] =>
  sites(rules, model).map((s) => instantiateSite(s, model)).filter((f) => f.fields.length > 0 || f.permutations.length > 0);

const ZERO = num(0);

/** The field as expressions aligned with model.parameters (one shared 0 where the field vanishes). */
export function fieldExprs(f: LinearField, parameters: readonly string[]): Expr[] {
  const parts: Expr[][] = parameters.map(() => []);
  for (const e of f.entries) parts[e.target].push(e.source === null ? num(e.coef) : mul(num(e.coef), sym(parameters[e.source])));
  return parts.map((p) => (p.length ? add(...p) : ZERO));
}

/** Exact coordinates of a linear/constant field in the space of such fields. */
export const fieldVector = (f: LinearField): SparseVector => new Map(f.entries.map((e) => [`${e.target}:${e.source ?? '1'}`, e.coef] as const));

export interface InstantiatedQuantity { readonly id: string; readonly tex: string; readonly expr: Expr }

function quantityTerm(model: Model, layer: number, term: QuantityTerm, bind: ReadonlyMap<string, number>): Expr[] {
  const names = (u: string | undefined): readonly string[] => blockNames(model, layer, term.block, u === undefined ? undefined : bind.get(u));
  const c = num(new Fraction(String(term.by)));
  if (term.verb === 'total') return names(term.at).map((x) => mul(c, sym(x)));
  const [p, q] = [names(term.at[0]), names(term.at[1])];
  return p.map((x, e) => (x === q[e] ? mul(c, pow(sym(x), 2)) : mul(c, sym(x), sym(q[e]))));
}

/** The conserved-quantity templates of a site, instantiated (empty ones dropped). */
export function conservedOf(site: Site, model: Model): InstantiatedQuantity[] {
  const id = familyId(site);
  return site.rule.conserved.flatMap((t, ti) => bindings(model, site.layer, t).flatMap((bind) => {
    const terms = t.terms.flatMap((term) => quantityTerm(model, site.layer, term, bind));
    return terms.length ? [{ id: `${id}[${label(bind, ti, site.rule.conserved.length)}]`, tex: t.tex, expr: add(...terms) }] : [];
  }));
}
