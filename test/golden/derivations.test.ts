// Re-derives every bundled example and compares with the checked-in outputs
// byte for byte. To accept a deliberate change: UPDATE_GOLDEN=1 npx vitest run test/golden
// (equivalently: npx hugoniot derive derivations/NAME/spec.yaml --format F --out derivations/NAME).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/derive.js';
import { printDerivation } from '../../src/print/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { loadSymmetryRules } from '../../src/symmetry/catalogue-rules.js';
import { loadTransformRules } from '../../src/coarse-grain/transform-rules.js';
import { NUMERIC_CHECKS } from '../../src/coarse-grain/numeric-checks.js';
import { loadRewriteRules } from '../../src/rewrite/rules.js';

const root = 'derivations';
const examples = readdirSync(root).filter((d) => existsSync(join(root, d, 'spec.yaml'))).sort();
const formats = ['tex', 'md', 'json'] as const;

describe.each(examples)('derivations/%s', (name) => {
  const spec = loadSpec(join(root, name, 'spec.yaml'));
  const { derivation } = runPipeline(spec, { rulesDir: 'rules' });

  it('passes all its checks', () => {
    expect(derivation.report.failedChecks).toEqual([]);
  });

  it('every step cites a rule that exists in rules/', () => {
    const known = new Set([
      ...loadSymmetryRules('rules').map((r) => r.id),
      ...loadTransformRules('rules', Object.keys(NUMERIC_CHECKS)).keys(),
      ...loadRewriteRules('rules').map((r) => r.id),
    ]);
    expect(derivation.steps.map((s) => s.rule).filter((id) => !known.has(id))).toEqual([]);
  });

  it.each(formats)('%s output is byte-identical to the checked-in file', (format) => {
    const file = join(root, name, `${spec.name}.${format}`);
    const fresh = printDerivation(derivation, format);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, fresh);
    expect(existsSync(file), `${file} is missing (run with UPDATE_GOLDEN=1)`).toBe(true);
    expect(fresh).toBe(readFileSync(file, 'utf8'));
  });
});
