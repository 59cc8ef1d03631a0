// Rewrite rules (`type: rewrite`): `match` => `replace` if `condition`, loaded
// from rules/**/*.yaml and validated: unknown keys, unparseable sides, unknown
// guards, a replace side using a variable unbound in match, duplicate ids.
import { z } from 'zod';
import type { Expr } from '../ir/expr.js';
import { ParseError } from '../ir/parse.js';
import { GUARDS, parseGuard, type GuardCall } from './guards.js';
import { parsePattern, patternVariables } from './pattern.js';
import { readRuleFiles, RuleError, ruleErrorFromZod } from './rule-files.js';

const schema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
  type: z.literal('rewrite'),
  match: z.string(),
  replace: z.string(),
  condition: z.array(z.string()).default([]),
  purpose: z.string().optional(),
  statement: z.string(),
});

export interface RewriteRule { readonly id: string; readonly lhs: Expr; readonly rhs: Expr; readonly guards: readonly GuardCall[]; readonly condition: readonly string[]; readonly statement: string }

export function loadRewriteRules(rulesDir: string): RewriteRule[] {
  const out: RewriteRule[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of readRuleFiles(rulesDir, '')) {
    if ((data as { type?: unknown } | null)?.type !== 'rewrite') continue;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw ruleErrorFromZod(file, parsed.error.issues[0] as never);
    const r = parsed.data;
    const side = (key: 'match' | 'replace'): Expr => {
      try { return parsePattern(r[key]); } catch (e) {
        if (e instanceof ParseError) throw new RuleError(file, key, `expected a pattern: ${e.message}`);
        throw e;
      }
    };
    const lhs = side('match'), rhs = side('replace');
    const bound = new Set(patternVariables(lhs));
    const unbound = patternVariables(rhs).filter((v) => !bound.has(v));
    if (unbound.length) throw new RuleError(file, 'replace', `uses pattern variable(s) ${unbound.map((v) => '?' + v).join(', ')} not bound by match`);
    const guards = r.condition.map((c, i) => {
      const g = parseGuard(c);
      if (!g || !GUARDS[g.name] || GUARDS[g.name].arity !== g.vars.length) throw new RuleError(file, `condition[${i}]`, `expected a guard ${Object.entries(GUARDS).map(([k, v]) => `${k}(${Array.from({ length: v.arity }, (_, j) => '?' + 'xyz'[j]).join(', ')})`).join(', ')}`);
      const free = g.vars.filter((v) => !bound.has(v));
      if (free.length) throw new RuleError(file, `condition[${i}]`, `uses ?${free[0]}, not bound by match`);
      return g;
    });
    if (seen.has(r.id)) throw new RuleError(file, 'id', `duplicate rule id "${r.id}" (also in ${seen.get(r.id)})`);
    seen.set(r.id, file);
    out.push({ id: r.id, lhs, rhs, guards, condition: r.condition, statement: r.statement });
  }
  return out;
}
