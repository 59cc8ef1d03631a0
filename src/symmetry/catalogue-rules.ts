// Catalogue symmetry rules are data (rules/symmetry/*.yaml with `type: symmetry`;
// files of other types in that folder are skipped). Validated when loaded:
// unknown keys, unknown vocabulary terms, unbound index names and duplicate
// ids are RuleErrors naming the file and key path. The vocabulary is described
// in rules/symmetry/README-catalogue.md; src/symmetry/catalogue.ts interprets it.
import { z } from 'zod';
import { ACTIVATIONS } from '../ir/functions.js';
import { readRuleFiles, RuleError, ruleErrorFromZod } from '../rewrite/rule-files.js';

/** Parameter blocks of the site layer l: row u of W_l, column i of W_l, b_l[u], column u of W_{l+1}. */
export const BLOCKS = ['in-row', 'in-column', 'bias', 'out-column'] as const;
export type Block = (typeof BLOCKS)[number];
/** What the index names of a template range over (arity 1 or 2). */
export const RANGES = { units: 1, inputs: 1, 'unit-pairs': 2, 'unit-pairs-symmetric': 2, 'adjacent-units': 2 } as const;
export type Range = keyof typeof RANGES;
/** How invariants pass through the site: keep the unit index (path products), sum over it (matrix product), or take differences between outputs. */
export const CONTRACTIONS = ['unit', 'layer', 'output-difference'] as const;
export type Contraction = (typeof CONTRACTIONS)[number];
export const NORMALISATIONS = ['none', 'batch-norm', 'layer-norm'] as const;

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id');
const index = z.string().regex(/^[a-z]$/, 'a one-letter index name');
const ranges = Object.keys(RANGES) as [Range, ...Range[]];

const actionTermSchema = z.strictObject({
  feed: z.enum(BLOCKS).optional(),
  shift: z.enum(BLOCKS).optional(),
  swap: z.enum(BLOCKS).optional(),
  from: index.optional(),
  to: index.optional(),
  at: index.optional(),
  between: z.tuple([index, index]).optional(),
  by: z.number().optional(),
});
const quantityTermSchema = z.strictObject({
  gram: z.enum(BLOCKS).optional(),
  total: z.enum(BLOCKS).optional(),
  at: z.union([index, z.tuple([index, index])]).optional(),
  by: z.number(),
});
const template = <T extends z.ZodType>(term: T) => z.strictObject({ over: z.array(index).max(2), range: z.enum(ranges).optional(), terms: z.array(term).min(1) });

export const symmetryRuleSchema = z.strictObject({
  id: kebab,
  type: z.literal('symmetry'),
  kind: z.enum(['continuous', 'discrete']),
  purpose: z.string().optional(),
  'applies-to': z.strictObject({
    /** hidden: layer l followed by layer l+1 (the adjacent pair); output: the last layer; any: every layer. */
    layer: z.enum(['hidden', 'output', 'any']),
    activations: z.array(z.enum(ACTIVATIONS)).min(1).optional(),
    losses: z.array(z.enum(['mse', 'cross-entropy'])).min(1).optional(),
    normalisation: z.array(z.enum(NORMALISATIONS)).min(1).optional(),
  }),
  action: z.strictObject({ tex: z.string(), generators: z.array(template(actionTermSchema)).min(1) }),
  conserved: z.array(template(quantityTermSchema).extend({ tex: z.string() })).default([]),
  invariants: z.strictObject({ contract: z.enum(CONTRACTIONS) }).optional(),
  statement: z.string(),
  obligation: z.string(),
});
type RawRule = z.infer<typeof symmetryRuleSchema>;

// The interpreted vocabulary: one verb per term.
export type ActionTerm =
  | { readonly verb: 'feed'; readonly block: Block; readonly from: string; readonly to: string; readonly by: number }
  | { readonly verb: 'shift'; readonly block: Block; readonly at?: string; readonly by: number }
  | { readonly verb: 'swap'; readonly block: Block; readonly between: readonly [string, string] };
export type QuantityTerm =
  | { readonly verb: 'gram'; readonly block: Block; readonly at: readonly [string, string]; readonly by: number }
  | { readonly verb: 'total'; readonly block: Block; readonly at?: string; readonly by: number };
export interface Template<T> { readonly over: readonly string[]; readonly range?: Range; readonly terms: readonly T[] }

export interface SymmetryRule {
  readonly id: string;
  readonly kind: 'continuous' | 'discrete';
  readonly file: string;
  readonly appliesTo: RawRule['applies-to'];
  readonly action: { readonly tex: string; readonly generators: readonly Template<ActionTerm>[] };
  readonly conserved: readonly (Template<QuantityTerm> & { readonly tex: string })[];
  readonly invariants?: { readonly contract: Contraction };
  readonly statement: string;
  readonly obligation: string;
}

class VocabularyError extends Error { constructor(readonly keyPath: string, readonly expected: string) { super(expected); } }

function checkTemplate(t: { over: readonly string[]; range?: Range }, path: string): void {
  if (t.over.length === 0 && t.range) throw new VocabularyError(`${path}.range`, 'no range for a template without index names (over: [])');
  if (t.over.length > 0 && !t.range) throw new VocabularyError(`${path}.range`, `one of ${ranges.join(', ')}`);
  if (t.range && RANGES[t.range] !== t.over.length) throw new VocabularyError(`${path}.over`, `${RANGES[t.range]} index name(s) for range ${t.range}`);
  if (new Set(t.over).size !== t.over.length) throw new VocabularyError(`${path}.over`, 'distinct index names');
}

function bound(names: readonly (string | undefined)[], over: readonly string[], path: string): void {
  for (const n of names) if (n !== undefined && !over.includes(n)) throw new VocabularyError(path, `an index name bound by over (${over.join(', ') || 'none'}), got "${n}"`);
}

/** Exactly one verb per term, with exactly the arguments that verb takes. */
function oneVerb<K extends string>(term: Record<string, unknown>, verbs: readonly K[], args: Record<K, readonly string[]>, path: string): K {
  const present = verbs.filter((v) => term[v] !== undefined);
  if (present.length !== 1) throw new VocabularyError(path, `exactly one of ${verbs.join(', ')}`);
  const verb = present[0];
  for (const key of Object.keys(term)) {
    if (key !== verb && !args[verb].includes(key)) throw new VocabularyError(`${path}.${key}`, `no "${key}" with ${verb} (it takes ${args[verb].join(', ')})`);
  }
  return verb;
}

function blockRange(block: Block, range: Range | undefined, indexed: boolean, path: string): void {
  if (!indexed) return;
  const wants = block === 'in-column' ? 'inputs' : 'units';
  const has = range === 'inputs' ? 'inputs' : 'units';
  if (wants !== has) throw new VocabularyError(path, `${block} indexed by ${wants}, but the template ranges over ${has}`);
}

function actionTerm(raw: z.infer<typeof actionTermSchema>, t: { over: readonly string[]; range?: Range }, kind: RawRule['kind'], path: string): ActionTerm {
  const verb = oneVerb(raw, ['feed', 'shift', 'swap'] as const, { feed: ['from', 'to', 'by'], shift: ['at', 'by'], swap: ['between'] }, path);
  if ((verb === 'swap') !== (kind === 'discrete')) throw new VocabularyError(`${path}.${verb}`, kind === 'discrete' ? 'swap (a discrete rule permutes parameters)' : 'feed or shift (a continuous rule has a vector field)');
  const block = raw[verb]!;
  switch (verb) {
    case 'feed':
      if (raw.from === undefined || raw.to === undefined || raw.by === undefined) throw new VocabularyError(path, 'feed with from, to and by');
      bound([raw.from, raw.to], t.over, path);
      blockRange(block, t.range, true, path);
      return { verb, block, from: raw.from, to: raw.to, by: raw.by };
    case 'shift':
      if (raw.by === undefined) throw new VocabularyError(`${path}.by`, 'a number');
      bound([raw.at], t.over, `${path}.at`);
      blockRange(block, t.range, raw.at !== undefined, path);
      return { verb, block, at: raw.at, by: raw.by };
    case 'swap':
      if (!raw.between) throw new VocabularyError(`${path}.between`, 'two index names');
      bound(raw.between, t.over, `${path}.between`);
      blockRange(block, t.range, true, path);
      return { verb, block, between: raw.between };
  }
}

function quantityTerm(raw: z.infer<typeof quantityTermSchema>, t: { over: readonly string[]; range?: Range }, path: string): QuantityTerm {
  const verb = oneVerb(raw, ['gram', 'total'] as const, { gram: ['at', 'by'], total: ['at', 'by'] }, path);
  const block = raw[verb]!;
  if (verb === 'gram') {
    if (!Array.isArray(raw.at)) throw new VocabularyError(`${path}.at`, 'two index names [p, q] (gram: the inner product of block(p) and block(q))');
    bound(raw.at, t.over, `${path}.at`);
    blockRange(block, t.range, true, path);
    return { verb, block, at: [raw.at[0], raw.at[1]], by: raw.by };
  }
  if (Array.isArray(raw.at)) throw new VocabularyError(`${path}.at`, 'one index name (total: the sum of the entries of block(i))');
  bound([raw.at], t.over, `${path}.at`);
  blockRange(block, t.range, raw.at !== undefined, path);
  return { verb, block, at: raw.at, by: raw.by };
}

/** The vocabulary checks zod cannot express; throws VocabularyError with the key path. */
function interpret(raw: RawRule, file: string): SymmetryRule {
  const generators = raw.action.generators.map((t, g) => {
    const path = `action.generators[${g}]`;
    checkTemplate(t, path);
    const terms = t.terms.map((term, k) => actionTerm(term, t, raw.kind, `${path}.terms[${k}]`));
    if (raw['applies-to'].layer !== 'hidden') {
      const k = terms.findIndex((term) => term.block === 'out-column');
      if (k >= 0) throw new VocabularyError(`${path}.terms[${k}]`, 'no out-column unless applies-to.layer is hidden (there is no next layer)');
    }
    return { over: t.over, range: t.range, terms };
  });
  const conserved = raw.conserved.map((t, c) => {
    const path = `conserved[${c}]`;
    if (raw.kind === 'discrete') throw new VocabularyError(path, 'no conserved quantities for a discrete rule');
    checkTemplate(t, path);
    return { tex: t.tex, over: t.over, range: t.range, terms: t.terms.map((term, k) => quantityTerm(term, t, `${path}.terms[${k}]`)) };
  });
  if (raw.invariants?.contract === 'output-difference' && raw['applies-to'].layer !== 'output') throw new VocabularyError('invariants.contract', 'output-difference only for applies-to.layer: output');
  if (raw.invariants && raw['applies-to'].layer === 'output' && raw.invariants.contract !== 'output-difference') throw new VocabularyError('invariants.contract', 'output-difference at the output layer');
  return { id: raw.id, kind: raw.kind, file, appliesTo: raw['applies-to'], action: { tex: raw.action.tex, generators }, conserved, invariants: raw.invariants, statement: raw.statement, obligation: raw.obligation };
}

/** Parse and validate one rule file's content. */
export function parseSymmetryRule(file: string, data: unknown): SymmetryRule {
  const parsed = symmetryRuleSchema.safeParse(data);
  if (!parsed.success) throw ruleErrorFromZod(file, parsed.error.issues[0] as never);
  try {
    return interpret(parsed.data, file);
  } catch (e) {
    if (e instanceof VocabularyError) throw new RuleError(file, e.keyPath, `expected ${e.expected}`);
    throw e;
  }
}

/** Every `type: symmetry` rule below rulesDir/symmetry, sorted by file (deterministic). */
export function loadSymmetryRules(rulesDir: string): SymmetryRule[] {
  const rules: SymmetryRule[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of readRuleFiles(rulesDir, 'symmetry')) {
    if ((data as { type?: unknown } | null)?.type !== 'symmetry') continue; // transform statements live here too
    const rule = parseSymmetryRule(file, data);
    const prev = seen.get(rule.id);
    if (prev) throw new RuleError(file, 'id', `duplicate rule id "${rule.id}" (also in ${prev})`);
    seen.set(rule.id, file);
    rules.push(rule);
  }
  return rules;
}
