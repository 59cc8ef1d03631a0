// VerifyResult (+ the Derivation) -> one self-contained HTML page: the verdict,
// the checks, the conventions, five plots and the derivation (KaTeX, from
// html.ts). Plots are vega-lite specifications compiled by vega-lite and
// rendered to SVG by vega at build time: the page needs no script and no network.
import katex from 'katex';
import * as vega from 'vega';
import { compile as compileVegaLite, type TopLevelSpec } from 'vega-lite';
import type { Derivation } from '../derivation/derivation.js';
import type { VerifyResult } from '../verify/verify.js';
import { escapeHtml, html } from './html.js';

const fmt = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'none' : Number(x.toPrecision(4)).toString());
const math = (tex: string, displayMode = false): string => katex.renderToString(tex, { displayMode, throwOnError: true, output: 'html' });

/** A vega-lite specification rendered to an SVG string (vega's headless View). */
export async function renderPlot(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileVegaLite(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

type Row = Record<string, number | string | null>;
const base = (title: string, values: Row[]) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: 520, height: 260, data: { values },
}) as const;

/** The plots of a verification, as vega-lite specifications (exported for tests). */
export function verifyPlots(r: VerifyResult): { id: string; caption: string; spec: TopLevelSpec }[] {
  const d = r.data;
  if (!d) return [];
  const v = r.config.variable;
  const q = (field: string, title: string, extra: object = {}) => ({ field, type: 'quantitative' as const, title, ...extra });
  const shown = [3, 7, 11, 15].map((j) => Math.min(j, d.ts.length - 1)).filter((j, k, a) => a.indexOf(j) === k);
  const label = (t: number) => `t = ${fmt(t)}`;
  const [xlo, xhi] = [d.xs[0], d.xs[d.xs.length - 1]];
  const solverRows: Row[] = shown.flatMap((j) => d.solver[j].x.flatMap((x, i) => (x >= xlo && x <= xhi ? [{ x, p: d.solver[j].p[i], t: label(d.ts[j]) }] : [])));
  const estimateRows: Row[] = shown.flatMap((j) => d.xs.map((x, i) => ({ x, p: d.pHat[j][i], lo: d.pHat[j][i] - 2 * d.se[j][i], hi: d.pHat[j][i] + 2 * d.se[j][i], t: label(d.ts[j]) })));
  const tMax = d.ts[d.ts.length - 1];
  const characteristicRows: Row[] = d.lbar.filter((_, i) => i % 6 === 0).flatMap((s) => [0, 1].map((f) => ({ y: s.x, t: f * tMax, x: s.x + f * tMax * s.slope })));
  const shockRows: Row[] = d.solver.flatMap((s) => s.shocks.map((x) => ({ t: s.t, x })));
  const markers: Row[] = [
    ...(r.predicted.time !== null ? [{ t: r.predicted.time, x: r.predicted.location, what: 'predicted (t*, x*)' }] : []),
    ...(r.measured.time !== null ? [{ t: r.measured.time, x: r.measured.location, what: 'measured (t*, x*)' }] : []),
  ];
  const series = d.shock.series.map((p) => ({ t: p.t, inv: p.compression > 0 ? 1 / p.compression : null, lo: p.compression > 0 ? 1 / (p.compression + 2 * p.se) : null, hi: p.compression - 2 * p.se > 0 ? 1 / (p.compression - 2 * p.se) : null, fit: p.inFit ? 'in fit' : 'not in fit' }));
  const fit = d.shock.fit;
  const fitRows: Row[] = fit ? [0, tMax].map((t) => ({ t, inv: fit.a + fit.b * t })).filter((row) => (row.inv as number) > -0.5 * fit.a) : [];
  const rules: Row[] = [
    ...(r.predicted.time !== null ? [{ t: r.predicted.time, what: 'predicted t* = 1/rho' }] : []),
    ...(r.measured.time !== null ? [{ t: r.measured.time, what: 'measured t*' }] : []),
  ];
  const particleRows: Row[] = d.particles.flatMap((p, k) => p.path.map((x, step) => ({ step, x, particle: `${p.side} ${k}` })));
  const watershedRows: Row[] = d.watershed !== null ? [{ x: d.watershed }] : [];
  return [
    {
      id: 'lbar', caption: `The loss on the analysed line, ${v} in the domain of the line (up to a constant).`,
      spec: { ...base('Loss on the line', d.lbar.map((s) => ({ x: s.x, value: s.value }))), mark: 'line', encoding: { x: q('x', v), y: q('value', 'Lbar (shifted)') } } as TopLevelSpec,
    },
    {
      id: 'p-profiles', caption: 'p(x, t) from the generated WENO5 solver (lines) and the SGLD estimate p_hat = (x - E[y])/t (points, bars: 2 standard errors) at four scales.',
      spec: {
        ...base('p(x, t): solver and simulated SGD', []),
        layer: [
          { data: { values: solverRows }, mark: { type: 'line', clip: true }, encoding: { x: q('x', v, { scale: { domain: [xlo, xhi] } }), y: q('p', 'p'), color: { field: 't', type: 'nominal' } } },
          { data: { values: estimateRows }, mark: { type: 'errorbar', clip: true }, encoding: { x: q('x', v), y: q('lo', 'p'), y2: { field: 'hi' }, color: { field: 't', type: 'nominal' } } },
          { data: { values: estimateRows }, mark: { type: 'point', filled: true, size: 18, clip: true }, encoding: { x: q('x', v), y: q('p', 'p'), color: { field: 't', type: 'nominal' } } },
        ],
      } as TopLevelSpec,
    },
    {
      id: 'characteristics', caption: 'Inviscid characteristics x = y + t Lbar\'(y) (grey), the shocks the solver detects (red) and the predicted / measured breaking point.',
      spec: {
        ...base('Characteristics and the shock trajectory', []),
        layer: [
          { data: { values: characteristicRows }, mark: { type: 'line', color: '#bbb', strokeWidth: 0.8, clip: true }, encoding: { x: q('x', v, { scale: { domain: [d.lbar[0].x, d.lbar[d.lbar.length - 1].x] } }), y: q('t', 't'), detail: { field: 'y', type: 'nominal' } } },
          { data: { values: shockRows.length ? shockRows : [{ t: null, x: null }] }, mark: { type: 'point', color: '#c00', filled: true, size: 30 }, encoding: { x: q('x', v), y: q('t', 't') } },
          { data: { values: markers.length ? markers : [{ t: null, x: null, what: 'none' }] }, mark: { type: 'point', shape: 'diamond', size: 120, filled: true }, encoding: { x: q('x', v), y: q('t', 't'), color: { field: 'what', type: 'nominal', title: null } } },
        ],
      } as TopLevelSpec,
    },
    {
      id: 'compression', caption: '1/compression (1/max(-dp_hat/dx)) against t with 2-se bars; the line is the fit through the first scales, its value at t = 0 is the measured breaking time (docs/theory.md §5).',
      spec: {
        ...base('1/compression against t', []),
        layer: [
          { data: { values: series }, mark: { type: 'errorbar' }, encoding: { x: q('t', 't'), y: q('lo', '1/compression'), y2: { field: 'hi' } } },
          { data: { values: series }, mark: { type: 'point', filled: true }, encoding: { x: q('t', 't'), y: q('inv', '1/compression'), shape: { field: 'fit', type: 'nominal', title: null } } },
          ...(fitRows.length ? [{ data: { values: fitRows }, mark: { type: 'line', color: '#555', strokeDash: [4, 3] }, encoding: { x: q('t', 't'), y: q('inv', '1/compression') } }] : []),
          ...(rules.length ? [{ data: { values: rules }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: q('t', 't'), color: { field: 'what', type: 'nominal', title: null } } }] : []),
        ],
      } as TopLevelSpec,
    },
    {
      id: 'entropy-sgd', caption: `Entropy-SGD particles (outer steps, t = ${fmt(r.config.entropySgd.t0)}) started on both sides of the predicted watershed (dashed).`,
      spec: {
        ...base('Entropy-SGD particles', []),
        layer: [
          { data: { values: particleRows }, mark: 'line', encoding: { x: q('step', 'outer step'), y: q('x', v), color: { field: 'particle', type: 'nominal' } } },
          ...(watershedRows.length ? [{ data: { values: watershedRows }, mark: { type: 'rule', strokeDash: [6, 4], color: '#000' }, encoding: { y: q('x', v) } }] : []),
        ],
      } as TopLevelSpec,
    },
  ];
}

function conventions(r: VerifyResult): string {
  const c = r.config, e = c.entropySgd;
  const items = [
    `Line: ${escapeHtml(c.line.replace(/\$/g, ''))}; coordinate ${escapeHtml(c.variable)}.`,
    `Chains: ${c.chains} independent SGLD chains (seed ${c.seed}), ${c.burnIn} burn-in and ${c.steps} averaged steps each, started at y = x; temperature T = 2 nu = ${fmt(c.temperature)}; step ${fmt(c.stepFraction)} / (1/t + K), K = ${fmt(c.curvature)} (max |Lbar''| over the probes).`,
    `Gradient: ${escapeHtml(c.gradient)}.`,
    `Standard errors: ${escapeHtml(c.standardError)}.`,
    `Solver: generated ${c.solver.scheme}, ${c.solver.grid} cells (and ${c.solver.grid / 2} for the grid-error bound), viscosity ${fmt(r.predicted.viscosity)}.`,
    `Entropy-SGD (Chaudhari et al.): t = 1/gamma = ${fmt(e.t0)}, scoping t_k = t_0/(1 + ${fmt(e.scoping)})^k, ${e.outerSteps} outer steps of rate ${fmt(e.outerRate)}, ${e.innerSteps} inner SGLD steps (burn-in ${e.innerBurnIn}) of size ${fmt(e.innerStepSize)} at T = ${fmt(e.temperature)}; ${e.particlesPerSide} particles per side, offsets ${fmt(e.offset)} and ${fmt(2 * e.offset)}.`,
  ];
  return `<ul class="conventions">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** The verification section (HTML fragment, plots rendered). */
export async function verifySection(r: VerifyResult): Promise<string> {
  const plots = await Promise.all(verifyPlots(r).map(async (p) => `<figure class="plot" id="plot-${p.id}">${await renderPlot(p.spec)}<figcaption>${escapeHtml(p.caption)}</figcaption></figure>`));
  const m = r.measured, p = r.predicted;
  return [
    `<section class="verification"><h2>Verification against simulated SGD</h2>`,
    `<p class="banner ${r.passed ? 'ok' : 'fail'}">${r.passed ? 'All verification checks passed.' : `${r.checks.filter((c) => !c.passed).length} verification check(s) FAILED.`}</p>`,
    `<p>SGLD chains estimate the local-entropy gradient ${math('\\hat p(x,t) = \\frac{x - \\mathbb E[y]}{t},\\quad y \\sim e^{-[\\bar L(y) + (y-x)^2/(2t)]/T},\\ T = 2\\nu', true)} which the theory says solves ${math('p_t + p\\,p_x = \\nu\\,p_{xx}')}; characteristics first cross at ${math('t^* = 1/\\rho')}.</p>`,
    '<table class="summary"><tr><th></th><th>breaking time</th><th>location</th></tr>',
    `<tr><th>predicted</th><td>${fmt(p.time)}</td><td>${fmt(p.location)}</td></tr>`,
    `<tr><th>measured</th><td>${fmt(m.time)} ± ${fmt(m.timeError)}</td><td>${fmt(m.location)} ± ${fmt(m.locationError)}</td></tr>`,
    ...(m.temperature !== undefined ? [`<tr><th>temperature along the line</th><td colspan="2">SGD noise ${fmt(m.temperature)} vs 2ν = ${fmt(2 * p.viscosity)}</td></tr>`] : []),
    '</table>',
    '<h3>Checks</h3><table class="checks"><tr><th>check</th><th>verdict</th><th>value</th><th>tolerance</th><th>detail</th></tr>',
    ...r.checks.map((c) => `<tr class="${c.passed ? 'passed' : 'failed'}"><td><code>${escapeHtml(c.id)}</code></td><td>${c.passed ? '<span class="ok">passed</span>' : '<span class="fail">FAILED</span>'}</td><td>${fmt(c.value)}</td><td>${fmt(c.tolerance)}</td><td>${escapeHtml(c.detail)}</td></tr>`),
    '</table>',
    '<h3>Conventions</h3>', conventions(r),
    '<h3>Plots</h3>', ...plots,
    '</section>',
  ].join('\n');
}

/** The whole page: verification first, then the derivation it checks. */
export async function verifyReportPage(d: Derivation, r: VerifyResult): Promise<string> {
  const page = html(d);
  const section = await verifySection(r);
  const style = '<style>.plot{margin:1rem 0}.plot svg{max-width:100%;height:auto}figcaption{color:#444;font-size:.9em}table.checks td{vertical-align:top;font-size:.9em}tr.failed td{background:#fff5f5}</style>';
  return page.replace('</head>', `${style}</head>`).replace(/<body>\n/, `<body>\n${section}\n<h2>Derivation</h2>\n`);
}
