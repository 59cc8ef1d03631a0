// The report page in a real headless browser (Debian's chromium through
// playwright-core): no console errors, the math rendered by KaTeX, every plot
// an SVG with drawn marks, and a screenshot saved to out/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/derive.js';
import { verifyPlots, verifyReportPage } from '../../src/print/verify-report.js';
import { loadSpec } from '../../src/spec/load.js';
import { verifySpec } from '../../src/verify/verify.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`SKIPPED report-browser tests: ${CHROMIUM} not found (.ci/run installs Debian's chromium)`);

describe.skipIf(!haveChromium)('verify report in headless chromium', () => {
  let browser: Browser;
  let file: string;
  let plotCount = 0;
  beforeAll(async () => {
    const { derivation, intermediates } = runPipeline(loadSpec('derivations/double-well/spec.yaml'), { rulesDir: 'rules' });
    const r = await verifySpec(intermediates, { chains: 12, seed: 1, workers: 0 });
    plotCount = verifyPlots(r).length;
    file = join(mkdtempSync(join(tmpdir(), 'hugoniot-report-')), 'double-well.html');
    writeFileSync(file, await verifyReportPage(derivation, r));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => { await browser?.close(); });

  it('renders without console errors, with math and every plot drawn, and is screenshotted', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    const failedRequests: string[] = [];
    page.on('requestfailed', (r) => failedRequests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(failedRequests).toEqual([]);
    // KaTeX output is present and laid out (non-zero boxes), and no KaTeX error nodes
    expect(await page.locator('.katex').count()).toBeGreaterThan(10);
    expect(await page.locator('.katex-error').count()).toBe(0);
    const mathBox = await page.locator('.verification .katex-display').first().boundingBox();
    expect(mathBox!.width).toBeGreaterThan(50);
    // every plot: an SVG with a visible size and drawn marks (paths with data)
    const figures = page.locator('figure.plot');
    expect(plotCount).toBe(5);
    expect(await figures.count()).toBe(plotCount);
    for (let i = 0; i < plotCount; i++) {
      const svg = figures.nth(i).locator('svg').first();
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(100);
      const marks = await svg.evaluate((el) => [...el.querySelectorAll('path, circle, line')].filter((p) => (p.getAttribute('d') ?? 'x').length > 1).length);
      expect(marks).toBeGreaterThan(5);
    }
    const dir = resolve('out/screenshots');
    mkdirSync(dir, { recursive: true });
    const shot = join(dir, 'verify-double-well.png');
    await page.screenshot({ path: shot, fullPage: false });
    await page.locator('#plot-p-profiles').screenshot({ path: join(dir, 'verify-double-well-p.png') });
    expect(existsSync(shot)).toBe(true);
    console.log(`screenshot: ${shot}`);
  });
});
