// The four document printers on a hand-built Derivation (fixture.ts) and on
// the bundled derivations: LaTeX compiles with pdflatex, every Markdown math
// fragment renders in KaTeX, JSON is byte-stable, HTML is self-contained, and
// a failed check is visible in every format.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { Derivation } from '../../src/derivation/derivation.js';
import { printDerivation } from '../../src/print/index.js';
import { FIXTURE } from './fixture.js';

const hasPdflatex = spawnSync('pdflatex', ['--version']).status === 0;
const runPdflatex = !!(hasPdflatex || process.env.CI);
if (!runPdflatex) console.warn('test/print: pdflatex is not installed, the LaTeX compilation tests are skipped (apt-get install texlive-latex-base texlive-latex-recommended; under CI they run).');

/** Compile a LaTeX document in a fresh temp dir; returns the exit status, the error lines and the log. */
function pdflatex(tex: string): { status: number | null; errors: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hugoniot-tex-'));
  writeFileSync(join(dir, 'doc.tex'), tex);
  const r = spawnSync('pdflatex', ['-halt-on-error', '-interaction=nonstopmode', 'doc.tex'], { cwd: dir, encoding: 'utf8' });
  const log = r.stdout ?? '';
  return { status: r.status, errors: log.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n'), log };
}

/** Every math fragment of a Markdown document: $$...$$ blocks, then $...$ not preceded by a backslash. */
export function markdownMath(md: string): { tex: string; display: boolean }[] {
  const out: { tex: string; display: boolean }[] = [];
  const rest = md.replace(/^\$\$\n([\s\S]*?)\n\$\$$/gm, (_m, tex: string) => { out.push({ tex, display: true }); return ''; });
  for (const m of rest.matchAll(/(?<!\\)\$((?:[^$\n\\]|\\.)+?)(?<!\\)\$/g)) out.push({ tex: m[1], display: false });
  return out;
}

const renders = (tex: string, displayMode: boolean): void => void katex.renderToString(tex, { throwOnError: true, displayMode, strict: 'ignore' });

describe('LaTeX document', () => {
  const tex = printDerivation(FIXTURE, 'tex');

  it('is a standalone article with the spec name as title and only standard packages', () => {
    expect(tex).toMatch(/^\\documentclass\[11pt\]\{article\}/);
    expect(tex).toContain('\\title{hugoniot derivation: fixture\\_well}');
    expect([...tex.matchAll(/\\usepackage(?:\[[^\]]*\])?\{([^}]+)\}/g)].flatMap((m) => m[1].split(',')).sort()).toEqual(['amsmath', 'amssymb', 'geometry', 'xcolor']);
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
  });

  it('has the summary table, one subsection per stage, and escapes prose outside math', () => {
    expect(tex).toContain('\\section*{Summary}');
    expect(tex).toContain('shock location $x^*$ & $-2.62907 \\times 10^{-8}$ \\\\');
    expect(tex).toContain('Reynolds number $\\mathrm{Re}$ & 47.8525 \\\\');
    expect([...tex.matchAll(/\\subsection\{([^}]*)\}/g)].map((m) => m[1])).toEqual(['Loss', 'Symmetries', 'Quotient', 'Coarse-graining']);
    expect(tex).toContain('100\\% of the data\\_set \\& \\#1 \\textasciitilde{} \\{raw\\} --- $\\nu$ $\\le$ 1, cost \\$5 --- na\\"{\\i}ve caf\\\'{e}.');
    expect(tex).toContain('$L = \\frac{1}{4}(w^2 - 1)^2$');
  });

  it('renders check statuses distinctly, a failed one in bold red', () => {
    expect(tex).toContain('\\item \\texttt{normal-form}: \\textbf{\\textcolor{red}{FAILED}} --- {\\small residual reduces to x\\_1 * 2 (expected 0) \\& 5\\% off}');
    expect(tex).toContain('\\item \\texttt{nerdamer}: \\textcolor{gray}{\\textit{skipped}}');
    expect(tex).toContain('\\item \\texttt{numeric}: \\textcolor{green!50!black}{passed}');
    expect(tex).toMatch(/\\subsubsection\*\{Rescaling of unit \$W\^\{\(1\)\}_\{1,1\}\$ \\quad \\textbf\{\\textcolor\{red\}\{FAILED\}\}\}/);
    expect(tex).toContain('\\textbf{\\textcolor{red}{FAILED: 3 passed, 1 failed, 1 skipped, 1 unchecked, 0 lemmas}}');
  });

  it('shows the 60-term sum truncated, with its term count', () => {
    expect(tex).toMatch(/\\dots\\ \\text\{\((\d+) more of 60 terms\)\}/);
    expect(tex).toContain('w_{1}^{2} + 2 \\, w_{2}^{2}');
    expect(tex).not.toContain('w_{60}');
  });

  it.skipIf(!runPdflatex)('compiles with pdflatex, with no display formula wider than the page', () => {
    expect(hasPdflatex, 'pdflatex is required under CI (install texlive-latex-base, texlive-latex-recommended)').toBe(true);
    const r = pdflatex(tex);
    expect(r.status, r.errors).toBe(0);
    // Overfull boxes "detected at line" come from display math.
    expect(r.log.split('\n').filter((l) => /Overfull .* detected at line/.test(l))).toEqual([]);
  });

  it.skipIf(!runPdflatex)('a broken formula makes pdflatex fail (the compile test can fail)', () => {
    const broken: Derivation = { ...FIXTURE, steps: [{ ...FIXTURE.steps[3], before: { kind: 'tex', tex: '\\frac{1}{' } }] };
    expect(pdflatex(printDerivation(broken, 'tex')).status).not.toBe(0);
  });

  const bundled = readdirSync('derivations').flatMap((d) => readdirSync(join('derivations', d)).filter((f) => f.endsWith('.tex')).map((f) => join('derivations', d, f)));
  it.skipIf(!runPdflatex).each(bundled)('bundled %s compiles with pdflatex', (file) => {
    const r = pdflatex(readFileSync(file, 'utf8'));
    expect(r.status, `${file}: ${r.errors}`).toBe(0);
  });
});

describe('Markdown document', () => {
  const md = printDerivation(FIXTURE, 'md');

  it('every math fragment renders in KaTeX', () => {
    const fragments = markdownMath(md);
    expect(fragments.filter((f) => f.display).length).toBe(7);
    expect(fragments.length).toBeGreaterThan(15);
    for (const f of fragments) expect(() => renders(f.tex, f.display), f.tex).not.toThrow();
  });

  it('escapes Markdown syntax outside math and keeps a lone dollar literal', () => {
    expect(md).toContain('100% of the data\\_set & \\#1 ~ {raw} — ν ≤ 1, cost \\$5 — naïve café.');
    expect(md).toContain('residual reduces to x\\_1 \\* 2 (expected 0) & 5% off');
  });

  it('shows the failed check, the skipped one, and a failed-check list', () => {
    expect(md).toContain('- `normal-form`: **FAILED** — ');
    expect(md).toContain('- `nerdamer`: _skipped_ — ');
    expect(md).toContain('### Rescaling of unit $W^{(1)}_{1,1}$ — **FAILED**');
    expect(md).toContain('- **FAILED** symmetry/rescaling [`normal-form`]: ');
    // the counts: the step without a check is one unchecked, the skipped nerdamer check is not a pass
    expect(md).toContain('| checks | **FAILED: 3 passed, 1 failed, 1 skipped, 1 unchecked, 0 lemmas** |');
    expect(md).toContain('| not checked | 1 skipped nerdamer in symmetry; 1 unchecked step without a check in coarse-grain |');
  });

  it.each(readdirSync('derivations').map((d) => join('derivations', d, `${d}.md`)))('bundled %s: every math fragment renders in KaTeX', (file) => {
    const fragments = markdownMath(readFileSync(file, 'utf8'));
    expect(fragments.length).toBeGreaterThan(5);
    for (const f of fragments) expect(() => renders(f.tex, f.display), f.tex).not.toThrow();
  });
});

describe('JSON document', () => {
  const text = printDerivation(FIXTURE, 'json');
  const j = JSON.parse(text);

  it('serialises every expression as {latex, text}', () => {
    expect(j.steps[0].after).toEqual({ kind: 'eq', lhs: { latex: 'L', text: 'L' }, rhs: { latex: '\\frac{1}{4} \\, \\left(w^{2} - 1\\right)^{2}', text: '1/4*(w^2 - 1)^2' } });
    expect(text).not.toContain('"hash"');
  });

  it('contains the failed and the skipped check', () => {
    expect(j.steps[1].checks.map((c: { status: string }) => c.status)).toEqual(['failed', 'skipped', 'passed']);
    expect(j.report.passed).toBe(false);
    expect(j.report.failedChecks[0].step).toBe('symmetry/rescaling');
  });

  it('sorts keys, indents by 2, ends in a newline, and does not depend on construction order', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "name": "fixture_well",');
    expect(Object.keys(j.steps[0])).toEqual(['after', 'checks', 'conditions', 'id', 'rule', 'stage', 'statement', 'title']);
    const reordered: Derivation = { report: FIXTURE.report, steps: FIXTURE.steps.map((s) => Object.fromEntries(Object.entries(s).reverse()) as never), name: FIXTURE.name };
    expect(printDerivation(reordered, 'json')).toBe(text);
  });

  it('keeps non-finite numbers as strings instead of null', () => {
    const nan: Derivation = { ...FIXTURE, steps: [{ ...FIXTURE.steps[0], checks: [{ method: 'numeric', status: 'failed', detail: 'residual is NaN', residual: NaN, tolerance: Infinity }] }] };
    const c = JSON.parse(printDerivation(nan, 'json')).steps[0].checks[0];
    expect([c.residual, c.tolerance]).toEqual(['NaN', 'Infinity']);
  });
});

describe('HTML document', () => {
  const html = printDerivation(FIXTURE, 'html');

  it('is self-contained: KaTeX CSS inlined, fonts as woff2 data URIs, nothing fetched', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@font-face');
    expect(html).toContain('src:url(data:font/woff2;base64,');
    expect(html).not.toMatch(/url\(fonts\/|\.woff\)|\.ttf\)/);
    expect(html).not.toMatch(/<(?:script|link|img)\b|(?:src|href)="(?:https?:)?\/\//);
  });

  it('renders math server-side and highlights the failed check and its step', () => {
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('katex-error');
    expect(html).toContain('<li class="check failed"><code>normal-form</code>: <span class="fail">FAILED</span>');
    expect(html).toContain('<li class="check skipped"><code>nerdamer</code>: <span class="skip">skipped</span>');
    expect(html).toContain('<section class="step failed" id="symmetry/rescaling">');
    expect(html).toContain('<p class="banner fail">FAILED: 3 passed, 1 failed, 1 skipped, 1 unchecked, 0 lemmas.</p>');
    expect(html).toContain('residual reduces to x_1 * 2 (expected 0) &amp; 5% off');
  });

  it('a KaTeX error surfaces instead of being hidden', () => {
    const broken: Derivation = { ...FIXTURE, steps: [{ ...FIXTURE.steps[3], before: { kind: 'tex', tex: '\\frac{1}{' } }] };
    expect(() => printDerivation(broken, 'html')).toThrow(/KaTeX parse error/);
  });
});

describe('every format', () => {
  it.each(['tex', 'md', 'json', 'html'] as const)('%s is byte-stable and free of absolute paths', (format) => {
    const a = printDerivation(FIXTURE, format);
    expect(printDerivation(FIXTURE, format)).toBe(a);
    expect(a).not.toContain(process.cwd());
    expect(a).not.toContain(tmpdir());
  });
});
