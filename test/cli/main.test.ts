import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (s) => { out += s; }, err: (s) => { err += s; }, progress: false });
  return { code, out, err };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'hugoniot-cli-'));

describe('hugoniot CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/derive/);
    expect(r.out).toMatch(/check/);
  });

  it.each([['derive'], ['check']])('%s --help explains its options', async (cmd) => {
    const r = await cli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/<spec>/);
  });

  it('an unknown option is bad input (exit 2)', async () => {
    const r = await cli(['check', 'derivations/double-well/spec.yaml', '--bogus']);
    expect(r.code).toBe(2);
  });

  it('check --json on the double well: the docs/theory.md §4 fields, shock at t* = 1, x* = 0', async () => {
    const r = await cli(['check', 'derivations/double-well/spec.yaml', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['name', 'architecture', 'parameterCount', 'lieAlgebraDimension', 'orbitDimension', 'quotientDimension', 'functionalDimension', 'symmetries', 'conserved', 'gradientField', 'viscosity', 'shock']) expect(j).toHaveProperty(k);
    for (const k of ['forms', 'time', 'location', 'rho', 'reynolds']) expect(j.shock).toHaveProperty(k);
    expect(j.shock.forms).toBe(true);
    expect(Math.abs(j.shock.time - 1)).toBeLessThan(1e-6);
    expect(Math.abs(j.shock.location)).toBeLessThan(1e-6);
    expect(j.viscosity).toBeCloseTo(0.05, 12);
  });

  it('a bad spec: one line naming file and key, exit 2, nothing written', async () => {
    const dir = tmp();
    const spec = join(dir, 'bad.yaml');
    writeFileSync(spec, 'name: bad\narchitecture: { kind: mlp, input: 2, layers: [ { width: 0, activation: relu } ] }\n');
    const out = join(dir, 'out');
    const r = await cli(['derive', spec, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml/);
    expect(r.err).toMatch(/architecture\.layers\[0\]\.width/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing spec file is bad input', async () => {
    const r = await cli(['check', 'no/such/spec.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no\/such\/spec\.yaml/);
  });

  it('derive --out writes exactly one file per run', async () => {
    const dir = tmp();
    const r = await cli(['derive', 'derivations/double-well/spec.yaml', '--format', 'md', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['double-well.md']);
  });
});

describe('hugoniot solve', () => {
  it('--json has the docs/theory.md §4 fields; double well at nu = 0.01 shows the shock at 0', async () => {
    const r = await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '2', '--viscosity', '0.01', '--grid', '600', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['x', 'u', 'p', 'time', 'viscosity', 'scheme', 'shocks']) expect(j).toHaveProperty(k);
    expect(j.x).toHaveLength(600);
    expect(j.scheme).toBe('weno5-imex'); // the default: explicit WENO5 flux, implicit diffusion
    expect(j.shocks).toHaveLength(1);
    expect(Math.abs(j.shocks[0].location)).toBeLessThan(0.02);
    for (const k of ['location', 'left', 'right', 'speed']) expect(j.shocks[0]).toHaveProperty(k);
  });

  it('cole-hopf scheme is the exact reference; u and p are consistent (p = u_x)', async () => {
    const r = await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '1', '--scheme', 'cole-hopf', '--grid', '200', '--json']);
    const j = JSON.parse(r.out);
    const i = 120, dx = j.x[1] - j.x[0];
    expect((j.u[i + 1] - j.u[i - 1]) / (2 * dx)).toBeCloseTo(j.p[i], 3);
  });

  it('--viscosity 0 is the inviscid entropy solution: at t = 2 t* the jump of the Hopf-Lax solution, u finite', async () => {
    // The shock step states the Hopf-Lax jump at t = 2: p_L = -p_R = 0.3525 (derivations/double-well/double-well.md);
    // the Godunov and WENO5 fronts on 600 cells resolve it to a few dx.
    for (const scheme of ['godunov', 'weno5']) {
      const j = JSON.parse((await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '2', '--viscosity', '0', '--grid', '600', '--scheme', scheme, '--json'])).out);
      expect(j.viscosity).toBe(0);
      expect(j.shocks).toHaveLength(1);
      expect(Math.abs(j.shocks[0].location)).toBeLessThan(0.02);
      expect(Math.abs(j.shocks[0].left - 0.3525)).toBeLessThan(0.01);
      expect(j.u.every((v: unknown) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
    }
    const r = await cli(['solve', 'derivations/double-well/spec.yaml', '--time', '2', '--viscosity', '0', '--scheme', 'cole-hopf']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cole-hopf needs a positive viscosity/);
  });

  it.each([
    [['--time', '1', '--viscosity', '-0.1'], /--viscosity: expected a number >= 0/],
    [['--time', '0'], /--time: expected a positive number/],
    [['--time', '1', '--grid', '3'], /--grid: expected an integer >= 8/],
    [['--time', '1', '--scheme', 'magic'], /invalid|choices|magic/i],
  ])('bad option %j is exit 2', async (opts, msg) => {
    const r = await cli(['solve', 'derivations/double-well/spec.yaml', ...opts]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
  });

  it('a network spec is solved on the slice the shock stage analysed; --json says which coordinate x is', async () => {
    const r = await cli(['solve', 'derivations/linear-2-3-2/spec.yaml', '--time', '50', '--grid', '200', '--scheme', 'cole-hopf', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['x', 'u', 'p', 'time', 'viscosity', 'scheme', 'shocks', 'coordinate']) expect(j).toHaveProperty(k);
    expect(j.x).toHaveLength(200);
    expect(j.coordinate).toMatchObject({ name: 's', metric: 'flat', slope: 'du/ds' });
    expect(j.coordinate.origin).toMatch(/slice .* through SGD step \d+/);
    expect(j.coordinate.slice.parameters).toHaveLength(17);
    expect(j.coordinate.slice.point).toHaveLength(17);
    expect(j.coordinate.slice.direction).toHaveLength(17);
  });

  it('a curved quotient (scalar-linear, G = 2|w|) is solved in arc length s, with w(s) alongside', async () => {
    const r = await cli(['solve', 'derivations/scalar-linear/spec.yaml', '--time', '2', '--viscosity', '0.005', '--grid', '300', '--scheme', 'cole-hopf', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.coordinate).toMatchObject({ name: 's', metric: 'arc-length', slope: 'du/ds', quotientVariable: 'w', anchor: 0, conePoints: [0] });
    expect(j.quotientCoordinate).toHaveLength(300);
    expect(j.shocks).toHaveLength(1);
    const s = j.shocks[0].location;
    expect(j.shocks[0].quotientLocation).toBeCloseTo((Math.sign(s) * s * s) / 2, 10); // w = sign(s) s^2/2
    const text = await cli(['solve', 'derivations/scalar-linear/spec.yaml', '--time', '2', '--viscosity', '0.005', '--grid', '300', '--scheme', 'cole-hopf']);
    expect(text.out).toMatch(/on arc length s of w/);
    expect(text.out).toMatch(/found 1 shock\(s\) \(a shock: a front at most 3 \(4 nu\/\[p\] \+ 2 dx\) thick[^\n]*:\n {2}at s = -0\.2\d+ \(w = -0\.03\d+\)/);
  });
});

describe('hugoniot export', () => {
  it.each(['js', 'ts', 'python', 'c'])('--target %s writes the kernels and a README', async (target) => {
    const dir = join(tmp(), 'out');
    const r = await cli(['export', 'derivations/double-well/spec.yaml', '--target', target, '--out', dir]);
    expect(r.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toContain('README.md');
    expect(files.some((f) => f.startsWith('hugoniot_double_well.'))).toBe(true);
  });

  it('an unknown target is bad input and writes nothing', async () => {
    const dir = join(tmp(), 'out');
    const r = await cli(['export', 'derivations/double-well/spec.yaml', '--target', 'fortran', '--out', dir]);
    expect(r.code).toBe(2);
    expect(existsSync(dir)).toBe(false);
  });
});
