// Transform rules (rules/**/*.yaml with `type: transform`): a statement and a
// proof obligation. An obligation is either prose (checked by the stage that
// applies the rule) or an identity lhs == rhs in jet space with optional
// definitions (`where`), abstract functions (`jet`), positivity and
// substitutions, plus named numeric checks from a registry. Validated on load.
import { z } from 'zod';
import { freeSymbols } from '../ir/expr.js';
import { parseExpr, ParseError } from '../ir/parse.js';
import { readRuleFiles, RuleError, ruleErrorFromZod } from '../rewrite/rule-files.js';

const identitySchema = z.strictObject({
  lhs: z.string(),
  rhs: z.string(),
  where: z.record(z.string(), z.string()).default({}),
  jet: z.record(z.string(), z.array(z.string().regex(/^[a-z]$/, 'expected one-letter variable names'))).default({}),
  positive: z.array(z.string()).default([]),
  substitute: z.record(z.string(), z.string()).default({}),
});

export const transformRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  type: z.literal('transform'),
  purpose: z.string().optional(),
  statement: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  obligation: z.union([z.string(), identitySchema]),
  numeric: z.array(z.string()).default([]),
});
export type TransformRule = z.infer<typeof transformRuleSchema>;
export type IdentityObligation = z.infer<typeof identitySchema>;


/** All transform rules below rulesDir, by id. `numericChecks` are the names the engine implements. */
export function loadTransformRules(rulesDir: string, numericChecks: readonly string[]): Map<string, TransformRule> {
  const rules = new Map<string, TransformRule>();
  const files = new Map<string, string>();
  for (const { file, data } of readRuleFiles(rulesDir, '')) {
    if ((data as { type?: unknown } | null)?.type !== 'transform') continue;
    const parsed = transformRuleSchema.safeParse(data);
    if (!parsed.success) throw ruleErrorFromZod(file, parsed.error.issues[0] as never);
    const rule = parsed.data;
    if (files.has(rule.id)) throw new RuleError(file, 'id', `duplicate rule id "${rule.id}" (also in ${files.get(rule.id)})`);
    rule.numeric.forEach((name, i) => {
      if (!numericChecks.includes(name)) throw new RuleError(file, `numeric[${i}]`, `unknown numeric check "${name}" (known: ${numericChecks.join(', ')})`);
    });
    const parseAt = (key: string, src: string): void => {
      try { parseExpr(src); } catch (e) {
        if (e instanceof ParseError) throw new RuleError(file, key, `expected an expression: ${e.message}`);
        throw e;
      }
    };
    for (const key of ['before', 'after'] as const) if (rule[key]) parseAt(key, rule[key]!);
    if (typeof rule.obligation !== 'string') {
      const o = rule.obligation;
      parseAt('obligation.lhs', o.lhs);
      parseAt('obligation.rhs', o.rhs);
      Object.entries(o.where).forEach(([k, v]) => parseAt(`obligation.where.${k}`, v));
      Object.entries(o.substitute).forEach(([k, v]) => parseAt(`obligation.substitute.${k}`, v));
      // A `where` definition may not use a name it defines (no recursion).
      for (const [k, v] of Object.entries(o.where)) if (freeSymbols(parseExpr(v)).includes(k)) throw new RuleError(file, `obligation.where.${k}`, 'expected a definition that does not use its own name');
    }
    files.set(rule.id, file);
    rules.set(rule.id, rule);
  }
  return rules;
}
