// The derivation pipeline, as a recipe (docs/theory.md §2). Types at each stage:
//   Spec -> Model -> SymmetryResult -> QuotientResult -> Viscosity
//        -> CoarseGrainResult -> shock (ShockReport + steps + LineProblem) -> Derivation
// Every intermediate is kept in `Intermediates` for inspection and for the
// later commands (solve, export, verify) that start from the same objects.
import { match } from 'ts-pattern';
import type { Model } from '../architecture/model.js';
import type { Expr } from '../ir/expr.js';
import { expressionModel } from '../architecture/expression.js';
import { mlpModel } from '../architecture/mlp.js';
import { loadDataset } from '../data/index.js';
import { coarseGrainChain, withLineChecks, type CoarseGrainResult } from '../coarse-grain/index.js';
import { EquationFormError, hamiltonianOf } from '../codegen/pde.js';
import { RuleError } from '../rewrite/rule-files.js';
import { gradientCovarianceTrace, viscosityFromTraining, type Viscosity } from '../coarse-grain/viscosity.js';
import type { Derivation, ShockReport } from '../derivation/derivation.js';
import type { Step } from '../derivation/types.js';
import { quotientStage } from '../quotient/quotient.js';
import type { QuotientResult } from '../quotient/types.js';
import type { StageContext } from './context.js';
import { boxShock } from '../shock/box-shock.js';
import { networkShock } from '../shock/network-shock.js';
import { initialParameters, sampleGradients } from '../shock/sgd-trajectory.js';
import { shockOnLine, type LineProblem } from '../shock/shock-on-line.js';
import { SpecError } from '../spec/errors.js';
import type { Spec } from '../spec/types.js';
import { expressionSymmetries } from '../symmetry/expression-symmetries.js';
import { networkSymmetries } from '../symmetry/network-symmetries.js';
import type { SymmetryResult } from '../symmetry/types.js';
import { lossStep } from './loss-step.js';
import { buildReport } from './report.js';
import { quotientLine } from './quotient-line.js';

export interface PipelineOptions {
  readonly rulesDir: string;
  /** Called when a stage starts (progress on long runs). */
  readonly onStage?: (stage: string) => void;
  /** Called as a stage that has a count advances: `done` of `total` (e.g. "generic point", 2, 3). */
  readonly onStep?: StepReporter;
}

/** Progress within a stage (src/pipeline/progress.ts turns it into a line with an ETA). */
export type StepReporter = (what: string, done: number, total: number) => void;

export interface Intermediates {
  readonly spec: Spec;
  readonly model: Model;
  readonly symmetry: SymmetryResult;
  readonly quotient: QuotientResult;
  readonly viscosity: Viscosity;
  readonly coarse: CoarseGrainResult;
  readonly shock: { readonly report: ShockReport; readonly steps: readonly Step[] };
  /**
   * The 1-D problem the shock stage analysed (what `solve` integrates): the 1-D
   * quotient line (metric G, conserved constants fixed), or for a quotient of
   * dimension >= 2 the slice theta* + s v along the most negative (convex
   * case: least convex) quotient direction. `line.origin` says which.
   */
  readonly line: LineProblem;
}

export function buildModel(spec: Spec): Model {
  return match(spec.architecture)
    .with({ kind: 'expression' }, () => expressionModel(spec))
    .with({ kind: 'mlp' }, (arch) => mlpModel(arch, loadDataset(spec), spec.loss))
    .exhaustive();
}

/** docs/theory.md §1: T = lr tr(Sigma) / (2 batch n) from per-sample gradients at the initialisation, unless the spec fixes T. */
function viscosityFor(spec: Spec, model: Model): Viscosity {
  if (spec.training.temperature !== undefined || model.sampleLosses.length === 0) {
    if (spec.training.temperature === undefined) {
      throw new SpecError(spec.sourceFile, 'training.temperature', 'expected a positive number: a bare expression loss has no samples to estimate the SGD temperature from');
    }
    return viscosityFromTraining(spec.training);
  }
  const theta = initialParameters(model, spec.training.seed);
  const n = model.parameters.length;
  const grads = sampleGradients(model).map((g) => { const out = new Float64Array(n); g(theta, out); return [...out]; });
  return viscosityFromTraining(spec.training, { trace: gradientCovarianceTrace(grads), parameterCount: n });
}

export function runPipeline(spec: Spec, opts: PipelineOptions): { derivation: Derivation; intermediates: Intermediates } {
  const ctx: StageContext = { seed: spec.training.seed, rulesDir: opts.rulesDir, tolerance: 1e-9, ...(opts.onStep ? { onStep: opts.onStep } : {}) };
  const stage = (name: string): void => opts.onStage?.(name);

  stage('loss');
  const model = buildModel(spec);
  const first = lossStep(model, ctx.seed);

  stage('symmetry');
  const symmetry = model.kind === 'expression' ? expressionSymmetries(model, ctx) : networkSymmetries(model, ctx);

  stage('quotient');
  const quotient = quotientStage(model, symmetry, ctx, opts.onStep);

  stage('coarse-grain');
  const viscosity = viscosityFor(spec, model);
  const quotient1d = quotientLine(spec, model, quotient);
  const chain = coarseGrainChain({ quotientDimension: quotient.quotientDimension, reduced: quotient.reduced, viscosity }, ctx);
  // One source: the flux of every later stage is H read off the HJ equation the Cole-Hopf step states.
  const flux = fluxOf(chain.hamiltonJacobi, ctx.rulesDir);

  stage('shock');
  const { line, ...shock } = model.kind === 'mlp'
    ? networkShock(model, symmetry, spec.training, viscosity.nu, spec.sourceFile, flux)
    : quotient1d
      ? quotientLineShock({ ...quotient1d, nu: viscosity.nu, seed: ctx.seed }, flux)
      : boxShock(model, symmetry, spec.domain, viscosity.nu, ctx.seed, undefined, flux);
  // The coarse-graining numeric checks run on the line the shock stage analysed.
  const coarse = withLineChecks(chain, line, ctx);

  const steps = [first, ...symmetry.steps, ...quotient.steps, ...coarse.steps, ...shock.steps];
  const report = buildReport(spec, model, symmetry, quotient, viscosity, shock.report, steps);
  return {
    derivation: { name: spec.name, steps, report },
    intermediates: { spec, model, symmetry, quotient, viscosity, coarse, shock: { report: shock.report, steps: shock.steps }, line },
  };
}

/** H(p) of the derived HJ equation; an equation not of the form u_t + H(u_x) = nu u_xx is a bad rule file (exit 2). */
function fluxOf(hj: Expr, rulesDir: string): Expr {
  try {
    return hamiltonianOf(hj);
  } catch (e) {
    if (e instanceof EquationFormError) throw new RuleError(rulesDir, 'cole-hopf.after', `expected the viscous HJ equation u_t + H(u_x) - nu*u_xx: ${e.message.replace(/^hamiltonianOf: /, '')}`);
    throw e;
  }
}

/** The shock stage on the 1-D quotient line itself: the line analysed is the quotient. */
function quotientLineShock(line: LineProblem, flux: Expr): { report: ShockReport; steps: Step[]; line: LineProblem } {
  return { ...shockOnLine(line, flux), line };
}
