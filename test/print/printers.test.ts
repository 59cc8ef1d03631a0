import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { Derivation } from '../../src/derivation/derivation.js';
import { parseExpr } from '../../src/ir/parse.js';
import { latex } from '../../src/print/latex-expr.js';
import { text } from '../../src/print/text.js';
import { printDerivation } from '../../src/print/index.js';
import { escapeProse } from '../../src/print/latex-document.js';

const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0;
const texFiles = readdirSync('derivations').flatMap((d) => readdirSync(join('derivations', d)).filter((f) => f.endsWith('.tex')).map((f) => join('derivations', d, f)));

/** Every $...$ and $$...$$ fragment of a Markdown document. */
const mathFragments = (md: string): string[] => [...md.matchAll(/\$\$\n([\s\S]*?)\n\$\$|\$([^$\n]+)\$/g)].map((m) => m[1] ?? m[2]);

describe('expression printers (precedence corner cases)', () => {
  it.each([
    ['-(a+b)', '-\\left(a + b\\right)', '-(a + b)'],
    ['a-(b-c)', 'a - \\left(b - c\\right)', 'a - (b - c)'],
    ['(a*b)^2', '\\left(a \\, b\\right)^{2}', '(a*b)^2'],
    ['x^-1', '\\frac{1}{x}', 'x^(-1)'],
    ['relu(x)^2', '\\left(\\operatorname{relu}\\left(x\\right)\\right)^{2}', 'relu(x)^2'],
    ['W1_2_3 * b1_2', 'W^{(1)}_{2,3} \\, b^{(1)}_{2}', 'W1_2_3*b1_2'],
    ['nu*u_xx', '\\nu \\, u_{xx}', 'nu*u_xx'],
  ])('%s', (src, tex, txt) => {
    const e = parseExpr(src);
    expect(latex(e)).toBe(tex);
    expect(text(e)).toBe(txt);
    expect(() => katex.renderToString(latex(e), { throwOnError: true })).not.toThrow();
  });

  it('text() round-trips through the parser', () => {
    for (const src of ['(w^2 - 1)^2 / 4', 'a - (b - c)*d', 'exp(-(x - y)^2/(4*nu*t))*t^(-1/2)', '-x^2', '2^(3^x)']) {
      const e = parseExpr(src);
      expect(text(parseExpr(text(e)))).toBe(text(e));
    }
  });

  it('prose escaping keeps math and escapes LaTeX specials', () => {
    expect(escapeProse('50% of w_1 & $w_1^2$')).toBe('50\\% of w\\_1 \\& $w_1^2$');
  });
});

describe('derivation documents', () => {
  const failing: Derivation = {
    name: 'demo_fail',
    steps: [{ id: 's', stage: 'symmetry', rule: 'r', title: 'A step', statement: 'with $x^2$ and 10% text_', before: { kind: 'expr', expr: parseExpr('x^2 - 1') }, conditions: [], checks: [{ method: 'normal-form', status: 'failed', detail: 'lhs - rhs reduces to x' }, { method: 'numeric', status: 'skipped', detail: 'not run' }] }],
    report: { name: 'demo_fail', architecture: 'expression', parameterCount: 1, lieAlgebraDimension: 0, orbitDimension: 0, quotientDimension: 1, functionalDimension: null, symmetries: [], conserved: [], invariants: [], gradientField: 'exact', viscosity: 0.05, shock: { forms: false, time: null, location: null, rho: -1, reynolds: null, regime: 'none', speed: null, lax: null }, passed: false, failedChecks: [{ step: 's', method: 'normal-form', detail: 'x' }] },
  };

  it('a failed check is visible in every format', () => {
    expect(printDerivation(failing, 'tex')).toMatch(/FAILED/);
    expect(printDerivation(failing, 'md')).toMatch(/\*\*FAILED\*\*/);
    expect(JSON.parse(printDerivation(failing, 'json')).steps[0].checks[0].status).toBe('failed');
    expect(printDerivation(failing, 'html')).toMatch(/class="fail">FAILED/);
  });

  it('JSON serialises expressions as {text, latex}', () => {
    const j = JSON.parse(printDerivation(failing, 'json'));
    expect(j.steps[0].before.expr).toEqual({ text: 'x^2 - 1', latex: 'x^{2} - 1' });
  });

  it.each(readdirSync('derivations').map((d) => join('derivations', d, `${d}.md`)))('every math fragment of %s renders in KaTeX', (file) => {
    const fragments = mathFragments(readFileSync(file, 'utf8'));
    expect(fragments.length).toBeGreaterThan(5);
    for (const f of fragments) expect(() => katex.renderToString(f, { throwOnError: true, displayMode: true }), f).not.toThrow();
  });

  it.runIf(hasPdflatex || process.env.CI)('every bundled .tex compiles with pdflatex', () => {
    expect(hasPdflatex, 'pdflatex is required under CI (.ci/run installs texlive)').toBe(true);
    for (const file of texFiles) {
      const dir = mkdtempSync(join(tmpdir(), 'tex-'));
      copyFileSync(file, join(dir, 'doc.tex'));
      const r = spawnSync('pdflatex', ['-halt-on-error', '-interaction=nonstopmode', 'doc.tex'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, `${file}: ${r.stdout.split('\n').filter((l) => l.startsWith('!')).join('\n')}`).toBe(0);
    }
  });
  void execFileSync;
});
