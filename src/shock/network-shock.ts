// Shock check for network specs: rho = max over a reference SGD trajectory of
// -lambda_min of the quotient Hessian, then the 1-D slice through the worst
// point along its eigenvector is analysed like a 1-D quotient (docs/theory.md
// §5: "a 1-D quotient slice"). The Hessian is never formed: lambda_min comes
// from Lanczos on the complement of the orbit with exact Hessian-vector
// products (Pearlmutter's R-operator, network-numerics.ts). At a point where
// no ReLU unit sits exactly on its kink that is the Hessian of the smooth piece
// the point lies in, so a kink crossed between snapshots is counted, never
// read as a curvature spike; kinks on the slice are the slice analysis's
// one-sided limits. A finite-difference Hessian of the exact gradient, inside
// one activation pattern, is the independent cross-check.
import type { Model } from '../architecture/model.js';
import type { Expr } from '../ir/expr.js';
import { isKinked } from '../ir/functions.js';
import { compileMany } from '../ir/evaluate.js';
import type { Check, Step } from '../derivation/types.js';
import type { ShockReport } from '../derivation/derivation.js';
import { SpecError } from '../spec/errors.js';
import type { SymmetryResult } from '../symmetry/types.js';
import type { TrainingSpec } from '../spec/types.js';
import { lanczosExtremes, orthonormalRows, type ExtremeEigen } from './lanczos.js';
import { modelNumerics, onKink, patternDistance, type NetworkNumerics } from './network-numerics.js';
import { sgdTrajectory } from './sgd-trajectory.js';
import { seededRng } from '../util/random.js';
import { shockOnLine, sliceAgreement, sliceLine, type LineEvaluators, type LineProblem } from './shock-on-line.js';

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

/** Snapshots of the trajectory at which the quotient Hessian is examined. */
const SNAPSHOTS = 40;

interface Worst { readonly rho: number; readonly step: number; readonly theta: Float64Array; readonly eig: ExtremeEigen; readonly orbit: readonly Float64Array[] }

/** The report and steps, the slice the shock stage analysed (`line`) and the rho profile along SGD. */
export function networkShock(model: Model, sym_: SymmetryResult, training: TrainingSpec, nu: number, sourceFile = 'spec', flux?: Expr): { report: ShockReport; steps: Step[]; line: LineProblem; trajectory: { step: number; rho: number }[] } {
  const net = modelNumerics(model);
  const n = net.n;
  const fields = sym_.families.flatMap((f) => f.generators.map((g) => compileMany(g.field, model.parameters)));
  const orbitAt = (theta: Float64Array): Float64Array[] => orthonormalRows(fields.map((f) => { const out = new Float64Array(n); f(theta, out); return out; }));
  const quotientEigen = (theta: Float64Array, orbit: readonly Float64Array[]): ExtremeEigen => {
    const hv = (v: Float64Array, out: Float64Array): void => net.hessianVector(theta, v, out);
    return lanczosExtremes(hv, n, orbit, { seed: training.seed });
  };
  const traj = sgdTrajectory(model, { lr: training.lr, batch: training.batch, steps: training.steps, seed: training.seed, snapshots: SNAPSHOTS }, net);
  if (traj.diverged) {
    const start = traj.snapshots[0];
    const lmax = lanczosExtremes((v, out) => net.hessianVector(start.theta, v, out), n, [], { seed: training.seed }).max;
    throw new SpecError(sourceFile, 'training.lr', `expected a learning rate at which the reference SGD stays bounded, got ${training.lr}: SGD diverges (the loss ${Number.isFinite(traj.diverged.loss) ? `reaches ${traj.diverged.loss.toExponential(2)}` : 'becomes non-finite'} at step ${traj.diverged.step}, from ${fmt(start.loss)} at step 0; lr x lambda_max(H) at the initialisation = ${fmt(training.lr * lmax)}, and full-batch gradient descent on a quadratic diverges once it exceeds 2)`);
  }
  let worst: Worst | undefined;
  const profile: { step: number; rho: number }[] = [];
  let crossings = 0, changedSnapshots = 0;
  let previous: Uint8Array | undefined;
  let movedOffKink = 0;
  const side = seededRng(training.seed + 7);
  for (const snap of traj.snapshots) {
    // A snapshot on a kink (a unit with pre-activation exactly 0, e.g. no input and zero bias at the
    // initialisation) has no Hessian; the adjacent piece on a seeded side u is used, at theta + 1e-8 u.
    let theta = snap.theta;
    for (let tries = 0; tries < 8 && onKink(net.activationPattern(theta)); tries++) theta = theta.map((t) => t + 1e-8 * side.normal());
    if (theta !== snap.theta) movedOffKink++;
    const orbit = orbitAt(theta);
    const eig = quotientEigen(theta, orbit);
    profile.push({ step: snap.step, rho: -eig.min.value });
    if (!worst || -eig.min.value > worst.rho) worst = { rho: -eig.min.value, step: snap.step, theta, eig, orbit };
    const pattern = net.activationPattern(theta);
    if (previous) { const dK = patternDistance(previous, pattern); crossings += dK; if (dK > 0) changedSnapshots++; }
    previous = pattern;
  }
  const w = worst!;
  const problem = { ...sliceLine(model.loss, model.parameters, w.theta, w.eig.min.vector, { nu, seed: training.seed, origin: `the slice $\\theta^* + s v$ through SGD step ${w.step}` }), numeric: sliceEvaluators(net, w.theta, w.eig.min.vector) };
  const line = shockOnLine(problem, flux);
  const kinked = model.architecture?.layers.some((l) => isKinked(l.activation)) ?? false;
  const trajStep: Step = {
    id: 'shock/trajectory-curvature', stage: 'shock', rule: 'quotient-hessian-trajectory',
    title: 'Negative curvature of the quotient along SGD',
    statement: `Reference SGD (lr $= ${training.lr}$, batch $${training.batch}$, ${training.steps} steps, seed ${training.seed}); at ${profile.length} snapshots the Hessian is restricted to the complement of the orbit tangent space spanned by the ${fields.length} generators (dimension ${w.eig.dimension}). $\\rho = \\max_k (-\\lambda_{\\min}) = ${fmt(w.rho)}$ at step ${w.step}` +
      (w.rho > 0 ? `: characteristics cross in the quotient. The 1-D slice through that point along its eigenvector $v$ is analysed next; the slice contains the point, so its own $\\max(-\\partial_s^2 L) \\ge \\rho$, and its breaking time is the headline.` : `: the quotient loss is locally convex along the trajectory; the slice through that point along its least convex direction is analysed next.`),
    conditions: [
      `$\\lambda_{\\min}$ by Lanczos (full re-orthogonalisation, ${w.eig.steps} steps on the ${w.eig.dimension}-dimensional complement) with exact Hessian-vector products (R-operator on back-propagation)`,
      ...(kinked ? [`piecewise-linear units: at each snapshot the Hessian of the smooth piece it lies in; ${crossings} unit-sample kink crossings between ${changedSnapshots} pairs of consecutive snapshots, which change the piece but add no curvature (kinks on the slice are treated as one-sided limits)${movedOffKink ? `; ${movedOffKink} snapshot(s) sat on a kink (a unit with pre-activation exactly 0) and were moved to the adjacent piece at $\\theta + 10^{-8} u$ (u seeded)` : ''}`] : []),
      `$\\rho$ along the trajectory: ${profile.filter((_, i) => i % 8 === 0 || i === profile.length - 1).map((p) => `step ${p.step}: ${fmt(p.rho)}`).join('; ')}`,
    ],
    checks: [...eigenChecks(net, w), sliceAgreement(w.rho, line.report)],
  };
  return { report: line.report, steps: [trajStep, ...line.steps], line: problem, trajectory: profile };
}

/** L, v . grad L and v^T H v at theta + s v (the slice's Lbar, Lbar', Lbar''), by the tensor-route kernels. */
export function sliceEvaluators(net: NetworkNumerics, theta: Float64Array, v: Float64Array): LineEvaluators {
  const at = new Float64Array(net.n), g = new Float64Array(net.n);
  const move = (s: number): Float64Array => { for (let i = 0; i < net.n; i++) at[i] = theta[i] + s * v[i]; return at; };
  return {
    value: (s) => net.loss(move(s)),
    first: (s) => { net.gradient(move(s), g); return dot(g, v); },
    second: (s) => { net.hessianVector(move(s), v, g); return dot(g, v); },
  };
}

const dot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };

/**
 * v is a quotient direction (orthogonal to every generator), Lanczos converged
 * (|P H P v - lambda v| small), and, independently of the R-operator, the
 * second difference of the loss gradient along v (finite differences at a step
 * h small enough that theta +- h v keep the activation pattern of theta) gives
 * the same v^T H v.
 */
function eigenChecks(net: NetworkNumerics, w: Worst): Check[] {
  const v = w.eig.min.vector, lambda = w.eig.min.value;
  const ortho = Math.max(0, ...w.orbit.map((q) => Math.abs(dot(q, v))));
  const scale = Math.max(Math.abs(lambda), Math.abs(w.eig.max), 1);
  const residual = w.eig.residual / scale;
  const fd = directionalSecondDifference(net, w.theta, v);
  const rel = fd ? Math.abs(fd.value - lambda) / scale : Infinity;
  return [
    { method: 'numeric', status: ortho < 1e-8 ? 'passed' : 'failed', detail: `max |xi_k . v| / |xi_k| = ${ortho.toExponential(2)} (v orthogonal to the orbit)`, residual: ortho, tolerance: 1e-8 },
    { method: 'numeric', status: residual < 1e-6 ? 'passed' : 'failed', detail: `Lanczos residual |P H P v - lambda_min v| / max(|lambda|, 1) = ${residual.toExponential(2)} after ${w.eig.steps} steps`, residual, tolerance: 1e-6 },
    {
      method: 'numeric', status: rel < 1e-5 ? 'passed' : 'failed',
      detail: fd
        ? `${fd.kind} finite differences of the exact gradient along v (h = ${fd.h.toExponential(0)}, inside the activation pattern of theta): v^T H v = ${fmt(fd.value)} vs lambda_min = ${fmt(lambda)}`
        : `no step h >= 1e-9 keeps the activation pattern at theta +- h v: the worst point sits on a kink, lambda_min = ${fmt(lambda)} not confirmed`,
      residual: rel, tolerance: 1e-5,
    },
  ];
}

/**
 * v^T H v by differences of the exact gradient along v, inside one smooth piece:
 * central, v . (g(theta + h v) - g(theta - h v)) / 2h, where theta +- h v keep the
 * activation pattern of theta; else one-sided (second order),
 * v . (-3 g(theta) + 4 g(theta + h v) - g(theta + 2 h v)) / 2h on the side whose
 * pattern is that of theta (a point on a kink belongs to the piece its
 * convention relu'(0) = 0 selects).
 */
function directionalSecondDifference(net: NetworkNumerics, theta: Float64Array, v: Float64Array): { value: number; h: number; kind: 'central' | 'one-sided' } | undefined {
  const pattern = net.activationPattern(theta);
  const at = (r: number): Float64Array => theta.map((t, i) => t + r * v[i]);
  const same = (r: number): boolean => patternDistance(pattern, net.activationPattern(at(r))) === 0;
  const along = (r: number): Float64Array => { const g = new Float64Array(net.n); net.gradient(at(r), g); return g; };
  const vdot = (c: readonly [number, number][], h: number): number => {
    const gs = c.map(([w, r]) => [w, along(r)] as const);
    let s = 0;
    for (let i = 0; i < net.n; i++) s += v[i] * gs.reduce((a, [w, g]) => a + w * g[i], 0);
    return s / (2 * h);
  };
  for (let h = 1e-4; h >= 1e-9; h /= 4) {
    if (same(h) && same(-h)) return { value: vdot([[1, h], [-1, -h]], h), h, kind: 'central' };
    for (const side of [1, -1]) {
      if (same(side * h) && same(2 * side * h)) return { value: side * vdot([[-3, 0], [4, side * h], [-1, 2 * side * h]], h), h, kind: 'one-sided' };
    }
  }
  return undefined;
}
