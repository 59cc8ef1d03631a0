// Catalogue symmetry rules are data (rules/symmetry/*.yaml, `type: symmetry`),
// validated when loaded: unknown keys or vocabulary and duplicate ids are
// errors naming the file and key. The vocabulary is described in
// rules/README.md; src/symmetry/catalogue.ts interprets it.
import { z } from 'zod';
import { ACTIVATIONS } from '../ir/functions.js';
import { readRuleFiles, RuleError, ruleErrorFromZod } from '../rewrite/rule-files.js';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');

export const symmetryRuleSchema = z.strictObject({
  id: kebab,
  type: z.literal('symmetry'),
  kind: z.enum(['continuous', 'discrete']),
  purpose: z.string().optional(),
  applies: z.strictObject({
    to: z.enum(['hidden-layer', 'output-layer']),
    activations: z.array(z.enum(ACTIVATIONS)).min(1).optional(),
    loss: z.enum(['mse', 'cross-entropy']).optional(),
  }),
  generator: z.strictObject({
    /** unit: one generator per unit j; unit-pair: E_pq for every (p, q); adjacent-swap: transpositions (j j+1); output-column: shift of a last-layer column. */
    scope: z.enum(['unit', 'unit-pair', 'adjacent-swap', 'output-column']),
    incoming: z.number().optional(),
    bias: z.number().optional(),
    outgoing: z.number().optional(),
  }),
  conserved: z.enum(['noether', 'none']).default('none'),
  invariants: z.string().optional(),
  statement: z.string(),
  obligation: z.string(),
});
export type SymmetryRule = z.infer<typeof symmetryRuleSchema>;


export function loadSymmetryRules(rulesDir: string): SymmetryRule[] {
  const rules: SymmetryRule[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of readRuleFiles(rulesDir, 'symmetry')) {
    if ((data as { type?: unknown } | null)?.type !== 'symmetry') continue; // transform statements live here too
    const parsed = symmetryRuleSchema.safeParse(data);
    if (!parsed.success) throw ruleErrorFromZod(file, parsed.error.issues[0] as never);
    const prev = seen.get(parsed.data.id);
    if (prev) throw new RuleError(file, 'id', `duplicate rule id "${parsed.data.id}" (also in ${prev})`);
    seen.set(parsed.data.id, file);
    rules.push(parsed.data);
  }
  return rules;
}
