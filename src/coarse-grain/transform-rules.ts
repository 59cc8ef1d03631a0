// Transform rules (rules/**/*.yaml with `type: transform`): a statement and a
// proof obligation. An obligation is either prose (checked by the stage that
// applies the rule) or one or more identities lhs == rhs in jet space with
// optional definitions (`where`), abstract functions (`jet`), positivity and
// substitutions, plus named numeric checks from a registry. Validated on load.
// In an identity the names `before` and `after` stand for the rule's own
// `before`/`after` expressions (with jet subscripts: `before_x` is its x
// derivative), so the equation a step states is the one its checks verify
// (docs/theory.md §3); a rule with an `after` must use it in its obligation.
import { z } from 'zod';
import { equals, freeSymbols } from '../ir/expr.js';
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
  obligation: z.union([z.string(), identitySchema, z.array(identitySchema).min(1)]),
  numeric: z.array(z.string()).default([]),
});
export type TransformRule = z.infer<typeof transformRuleSchema>;
export type IdentityObligation = z.infer<typeof identitySchema>;

/** Names an identity may use for the rule's own expressions. */
export const STEP_NAMES = { before: true, after: true } as const;

/** The identities of a rule's obligation (none for a prose obligation). */
export const identitiesOf = (rule: TransformRule): readonly IdentityObligation[] =>
  typeof rule.obligation === 'string' ? [] : Array.isArray(rule.obligation) ? rule.obligation : [rule.obligation];

/** Some side uses `name` or a jet derivative `name_xyz` of it. */
const mentions = (sides: readonly string[], name: string): boolean =>
  sides.some((src) => freeSymbols(parseExpr(src)).some((s) => s === name || s.startsWith(`${name}_`)));


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
    const identities = identitiesOf(rule);
    identities.forEach((o, i) => {
      const at = Array.isArray(rule.obligation) ? `obligation[${i}]` : 'obligation';
      parseAt(`${at}.lhs`, o.lhs);
      parseAt(`${at}.rhs`, o.rhs);
      Object.entries(o.where).forEach(([k, v]) => parseAt(`${at}.where.${k}`, v));
      Object.entries(o.substitute).forEach(([k, v]) => parseAt(`${at}.substitute.${k}`, v));
      for (const k of Object.keys(o.where)) if (k in STEP_NAMES) throw new RuleError(file, `${at}.where.${k}`, `expected a name other than "${k}" (it stands for the rule's own \`${k}\`)`);
      // A `where` definition may not use a name it defines (no recursion).
      for (const [k, v] of Object.entries(o.where)) if (freeSymbols(parseExpr(v)).includes(k)) throw new RuleError(file, `${at}.where.${k}`, 'expected a definition that does not use its own name');
      // An identity whose two sides are the same expression proves nothing.
      if (equals(parseExpr(o.lhs), parseExpr(o.rhs))) throw new RuleError(file, `${at}.rhs`, 'expected an identity between two different expressions (lhs and rhs are the same, so the check could not fail)');
      for (const name of ['before', 'after'] as const) {
        if (mentions([o.lhs, o.rhs], name) && !rule[name]) throw new RuleError(file, `${at}`, `uses "${name}" but the rule has no \`${name}\``);
      }
    });
    // The stated result must be what is checked: an identity obligation has to use `after`.
    if (identities.length > 0 && rule.after && !identities.some((o) => mentions([o.lhs, o.rhs], 'after'))) {
      throw new RuleError(file, 'obligation', 'expected an identity that uses "after" (the rule\'s stated result), so that the checked equation is the stated one');
    }
    files.set(rule.id, file);
    rules.set(rule.id, rule);
  }
  return rules;
}
