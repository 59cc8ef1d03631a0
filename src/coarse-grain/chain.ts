// The coarse-graining chain as data (rules/coarse-graining/chain.yaml, `type:
// chain`): which transform rules the stage applies, in which order, and how
// consecutive steps link (`takes`: this `before` is that step's `after`;
// `same-as`: this `after`, renamed, is that step's `after`). Validated on load:
// a chain whose links do not point backwards to a step of the chain, a step
// with no link, a missing rule or a missing `gives` is a malformed rules
// directory (RuleError, exit 2). Whether a well-formed link holds is a check
// of the stage (index.ts), failed when it does not (exit 1).
import { z } from 'zod';
import { readRuleFiles, RuleError, ruleErrorFromZod } from '../rewrite/rule-files.js';
import type { TransformRule } from './transform-rules.js';

const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id');

const chainStepSchema = z.strictObject({
  rule: kebab,
  title: z.string(),
  takes: kebab.optional(),
  // rename: coordinates of this step's after renamed to the other step's (s: x turns u_ss into u_xx)
  'same-as': z.strictObject({ step: kebab, rename: z.record(z.string().regex(/^[a-z]$/, 'expected a one-letter coordinate'), z.string().regex(/^[a-z]$/, 'expected a one-letter coordinate')).default({}) }).optional(),
  gives: kebab.optional(),
  when: z.enum(['curved-quotient']).optional(),
});
const chainSchema = z.strictObject({
  id: kebab,
  type: z.literal('chain'),
  purpose: z.string().optional(),
  steps: z.array(chainStepSchema).min(1),
});

export type ChainStep = z.infer<typeof chainStepSchema>;
export interface Chain {
  readonly file: string;
  readonly steps: readonly ChainStep[];
  /** The step that gives each named equation. */
  readonly gives: ReadonlyMap<string, ChainStep>;
}

/**
 * The chain `id` below rulesDir, validated against the transform rules it
 * applies. `needs` are the `gives` names the stage reads.
 */
export function loadChain(rulesDir: string, id: string, rules: ReadonlyMap<string, TransformRule>, needs: readonly string[]): Chain {
  const found = readRuleFiles(rulesDir, '').filter(({ data }) => (data as { type?: unknown } | null)?.type === 'chain' && (data as { id?: unknown }).id === id);
  if (found.length === 0) throw new RuleError(rulesDir, id, `expected a rule file with type: chain and id: ${id} (the order of the coarse-graining steps)`);
  if (found.length > 1) throw new RuleError(found[1].file, 'id', `duplicate chain id "${id}" (also in ${found[0].file})`);
  const { file, data } = found[0];
  const parsed = chainSchema.safeParse(data);
  if (!parsed.success) throw ruleErrorFromZod(file, parsed.error.issues[0] as never);
  const { steps } = parsed.data;
  const gives = new Map<string, ChainStep>();
  steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    const rule = rules.get(s.rule);
    if (!rule) throw new RuleError(file, `${at}.rule`, `expected the id of a transform rule (there is no "${s.rule}")`);
    const earlier = steps.slice(0, i).map((p) => p.rule);
    if (earlier.includes(s.rule)) throw new RuleError(file, `${at}.rule`, `expected each rule once ("${s.rule}" is applied earlier)`);
    const link = (key: string, target: string): TransformRule => {
      if (!earlier.includes(target)) {
        const later = steps.slice(i + 1).some((p) => p.rule === target);
        throw new RuleError(file, key, `expected an earlier step of the chain ("${target}" ${later ? 'comes later' : 'is not in the chain'})`);
      }
      const r = rules.get(target)!;
      if (!r.after) throw new RuleError(file, key, `expected a step with an \`after\` ("${target}" states none)`);
      return r;
    };
    if (s.takes) {
      link(`${at}.takes`, s.takes);
      if (!rule.before) throw new RuleError(file, `${at}.takes`, `expected a rule with a \`before\` ("${s.rule}" states none)`);
    }
    if (s['same-as']) {
      link(`${at}.same-as.step`, s['same-as'].step);
      if (!rule.after) throw new RuleError(file, `${at}.same-as`, `expected a rule with an \`after\` ("${s.rule}" states none)`);
    }
    if (i > 0 && !s.takes && !s['same-as']) throw new RuleError(file, at, 'expected a link to an earlier step (takes or same-as): a chain without one is broken');
    if (s.gives) {
      if (gives.has(s.gives)) throw new RuleError(file, `${at}.gives`, `expected each equation given once ("${s.gives}" is given by ${gives.get(s.gives)!.rule})`);
      if (!rule.after) throw new RuleError(file, `${at}.gives`, `expected a rule with an \`after\` ("${s.rule}" states none)`);
      if (s.when) throw new RuleError(file, `${at}.gives`, 'expected a step applied to every quotient (a conditional step cannot give an equation later stages rely on)');
      gives.set(s.gives, s);
    }
  });
  for (const name of needs) if (!gives.has(name)) throw new RuleError(file, 'steps', `expected a step with gives: ${name} (later stages read it)`);
  return { file, steps, gives };
}
