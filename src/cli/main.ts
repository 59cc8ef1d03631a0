// The command-line interface: all I/O and exit codes live here (docs/theory.md §4).
// exit 0 ok, 1 a check failed, 2 bad input (spec, rule file, option), 3 internal error.
import { Command, CommanderError, Option } from 'commander';
import { runPipeline } from '../pipeline/derive.js';
import { exportFiles } from '../codegen/export.js';
import { TARGETS, type TargetName } from '../codegen/targets/index.js';
import { DEFAULT_SCHEME, SCHEMES, solveQuotient, type SolveScheme } from '../pipeline/solve.js';
import { SolveCheckFailed, WORK_LIMIT } from '../pipeline/solve-guards.js';
import { solveProgress, solveSummary, solveTiming } from '../print/solve-summary.js';
import { printDerivation } from '../print/index.js';
import { PipelineProgress } from '../pipeline/progress.js';
import { summary } from '../print/summary.js';
import { nonSmoothCalls, NotDifferentiable } from '../ir/functions.js';
import { parseExpr } from '../ir/parse.js';
import { printable, SpecError } from '../spec/errors.js';
import { loadSpec } from '../spec/load.js';
import type { Spec } from '../spec/types.js';
import { checkExitCode, EXIT, userErrorMessage } from './errors.js';
import { checkOutputDir, writeFilesAtomically } from './io.js';
import { integerAtLeast, nonNegativeNumber, positiveNumber } from './options.js';
import { packageVersion, defaultRulesDir } from './paths.js';

const FORMATS = ['tex', 'md', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];
const EXTENSION: Record<Format, string> = { tex: 'tex', md: 'md', json: 'json', html: 'html' };

const positiveInteger = (flag: string) => integerAtLeast(flag, 8);

export interface Io { out: (s: string) => void; err: (s: string) => void; progress: boolean }

/** stdout closed by the reader (`hugoniot ... | head`): stop quietly, as Unix tools do. */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const defaultIo = (): Io => {
  quietOnClosedPipe();
  return { out: (s) => { process.stdout.write(s); }, err: (s) => { process.stderr.write(s); }, progress: Boolean(process.stderr.isTTY) };
};

/**
 * The pipeline on a spec; a loss the derivation cannot differentiate as often
 * as it needs (a kink or jump whose derivatives reach the derivative of the
 * Dirac delta) is refused as bad input naming the loss and its non-smooth
 * functions, not reported as an internal error.
 */
function derive(spec: Spec, o: Parameters<typeof runPipeline>[1]): ReturnType<typeof runPipeline> {
  try {
    return runPipeline(spec, o);
  } catch (e) {
    if (!(e instanceof NotDifferentiable)) throw e;
    if (spec.architecture.kind !== 'expression') throw new SpecError(spec.sourceFile, 'architecture.layers', `expected activations the derivation can differentiate; ${e.message}`);
    const kinks = nonSmoothCalls(parseExpr(spec.architecture.loss));
    throw new SpecError(spec.sourceFile, 'architecture.loss', `expected a loss the derivation can differentiate three times; ${kinks.join(', ')} ${kinks.length === 1 ? 'has' : 'have'} a kink or a jump, and the curvature and breaking-time steps would need the derivative of the Dirac delta, which is not supported in expression losses (a smooth loss, e.g. softplus for relu, or an mlp spec works)`);
  }
}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  // On a terminal (and not --quiet/--json): one live line on stderr (stage, step, ETA), redrawn at most 10 times
  // a second, and one timing line at the end. Not a terminal: nothing, so stderr stays byte-stable.
  let live: PipelineProgress | undefined;
  let drawn = 0;
  const draw = (force: boolean): void => {
    const now = performance.now();
    if (!live || (!force && now - drawn < 100)) return;
    drawn = now;
    io.err(`\r${live.line()}\x1b[K`);
  };
  const progress = (quiet: boolean): Pick<Parameters<typeof runPipeline>[1], 'onStage' | 'onStep'> => {
    if (!io.progress || quiet) return {};
    live = new PipelineProgress(() => performance.now() / 1000);
    return { onStage: (stage) => { live?.stage(stage); draw(true); }, onStep: (what, done, total) => { live?.step(what, done, total); draw(false); } };
  };
  const endStages = (verb: string): void => {
    if (!live) return;
    io.err(`\r\x1b[K${live.timing(verb)}\n`);
    live = undefined;
  };
  const program = new Command()
    .name('hugoniot')
    .description('Symbolic-numeric derivations for the shock-wave theory of symmetry-reduced SGD (arXiv:2606.18303).\nExit codes: 0 ok, 1 a check failed, 2 bad input, 3 internal error. Theory, checks and contracts: docs/theory.md.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .version(packageVersion(), '-V, --version', 'print the version')
    .showHelpAfterError('(run with --help for usage)');

  const rulesOption = () => new Option('--rules <dir>', 'rules directory (default: the bundled rules/)');

  program.command('derive')
    .description('derive the checked chain loss -> symmetry -> quotient -> coarse-graining -> HJ -> Burgers -> shock, and print it')
    .argument('<spec>', 'architecture spec (YAML or JSON)')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('tex'))
    .option('--out <dir>', 'write <name>.<format> into this directory instead of printing to stdout')
    .addOption(rulesOption())
    .option('--quiet', 'no progress messages')
    .action((specPath: string, o: { format: Format; out?: string; rules?: string; quiet?: boolean }) => {
      const spec = loadSpec(specPath);
      if (o.out) checkOutputDir(o.out, [`${spec.name}.${EXTENSION[o.format]}`]);
      const { derivation } = derive(spec, { rulesDir: o.rules ?? defaultRulesDir(), ...progress(Boolean(o.quiet)) });
      endStages('derived');
      const doc = printDerivation(derivation, o.format);
      if (o.out) {
        const [file] = writeFilesAtomically(o.out, { [`${spec.name}.${EXTENSION[o.format]}`]: doc });
        io.err(`wrote ${file}\n`);
      } else io.out(doc);
      code = checkExitCode(derivation.report, io.err);
    });

  program.command('check')
    .description('run the derivation and report dimensions, symmetries, conserved quantities, gradient-field verdict and shock conditions')
    .addHelpText('after', '\nWhat each check means (normal form, second CAS, numeric; passed/failed/skipped/unchecked; lemmas vs checks of this spec),\nhow they are counted, the JSON fields and the exit codes: docs/theory.md (§3 checks, §4 contracts).\nExit codes: 0 ok, 1 a check failed (one stderr line per failed check), 2 bad input, 3 internal error.')
    .argument('<spec>', 'architecture spec (YAML or JSON)')
    .option('--json', 'print the report as JSON (fields: docs/theory.md §4; counts: checks {passed, failed, skipped, unchecked, lemma}, checksByStage)')
    .addOption(rulesOption())
    .option('--quiet', 'no progress messages')
    .action((specPath: string, o: { json?: boolean; rules?: string; quiet?: boolean }) => {
      const spec = loadSpec(specPath);
      const { derivation } = derive(spec, { rulesDir: o.rules ?? defaultRulesDir(), ...progress(Boolean(o.quiet || o.json)) });
      endStages('checked');
      io.out(o.json ? JSON.stringify(derivation.report, null, 2) + '\n' : summary(derivation.report));
      code = checkExitCode(derivation.report, io.err);
    });

  program.command('solve')
    .description('solve the derived viscous Burgers equation on the 1-D quotient from p(x,0) = Lbar\'(x) and report the shocks found')
    .argument('<spec>', 'architecture spec (YAML or JSON)')
    .requiredOption('--time <T>', 'final time', positiveNumber('--time'))
    .option('--viscosity <nu>', 'viscosity (default: from the spec, nu = temperature / 2; 0 = inviscid, entropy solution; cole-hopf needs nu > 0)', nonNegativeNumber('--viscosity'))
    .option('--grid <N>', 'number of cells', positiveInteger('--grid'), 1200)
    .addOption(new Option('--scheme <scheme>', 'numerical scheme (*-imex: implicit diffusion, dt limited by the advection CFL only)').choices(SCHEMES).default(DEFAULT_SCHEME))
    .option('--json', 'print x, u, p, time, viscosity, scheme, shocks as JSON')
    .option('--allow-long', `run even when the estimated work (steps x cells) exceeds ${WORK_LIMIT.toExponential(0).replace('e+', 'e')} (about a minute)`)
    .addOption(rulesOption())
    .option('--quiet', 'no progress messages')
    .action((specPath: string, o: { time: number; viscosity?: number; grid: number; scheme: SolveScheme; json?: boolean; allowLong?: boolean; rules?: string; quiet?: boolean }) => {
      const spec = loadSpec(specPath);
      const { derivation, intermediates } = derive(spec, { rulesDir: o.rules ?? defaultRulesDir(), ...progress(Boolean(o.quiet)) });
      endStages('derived');
      const started = performance.now(), elapsed = () => (performance.now() - started) / 1000;
      // progress with an ETA on a terminal, once the solve has run for a second
      let shown = false;
      const onProgress = io.progress && !o.quiet ? (t: number) => { if (elapsed() > 1) { io.err(`${solveProgress(t, o.time, elapsed())}\r`); shown = true; } } : undefined;
      const endProgress = () => { if (shown) io.err('\n'); };
      try {
        const r = solveQuotient(intermediates, { time: o.time, viscosity: o.viscosity, grid: o.grid, scheme: o.scheme, maxWork: o.allowLong ? Infinity : WORK_LIMIT, onProgress });
        endProgress();
        io.out(o.json ? JSON.stringify(r) + '\n' : solveSummary(r, intermediates.shock.report));
        if (!o.quiet) io.err(`${solveTiming(r, elapsed())}\n`);
      } catch (e) {
        endProgress();
        if (!(e instanceof SolveCheckFailed)) throw e;
        io.err(`hugoniot: solve failed its check: ${e.message}\n`);
        code = EXIT.failedCheck;
      }
      // The one exit policy: a failed derivation check fails solve too, named on stderr.
      if (checkExitCode(derivation.report, io.err) !== EXIT.ok) code = EXIT.failedCheck;
    });

  program.command('export')
    .description('write the loss, gradient and Hessian-vector kernels (and, on a flat 1-D quotient, the Godunov solver of the derived Burgers equation) for a target, with a README')
    .argument('<spec>', 'architecture spec (YAML or JSON)')
    .addOption(new Option('--target <target>', 'language').choices(Object.keys(TARGETS)).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output directory')
    .addOption(rulesOption())
    .option('--quiet', 'no progress messages')
    .action((specPath: string, o: { target: TargetName; out: string; rules?: string; quiet?: boolean }) => {
      const spec = loadSpec(specPath);
      checkOutputDir(o.out);
      const { derivation, intermediates } = derive(spec, { rulesDir: o.rules ?? defaultRulesDir(), ...progress(Boolean(o.quiet)) });
      endStages('derived');
      const written = writeFilesAtomically(o.out, exportFiles(intermediates, o.target));
      io.err(`wrote ${written.join(', ')}\n`);
      code = checkExitCode(derivation.report, io.err);
    });

  program.command('verify')
    .description('confront the predicted shock with simulated SGD (SGLD local-entropy estimates, Entropy-SGD) on the analysed line; docs/theory.md section 5')
    .argument('<spec>', 'architecture spec (YAML or JSON)')
    .option('--json', 'print {predicted, measured, checks, passed, config} as JSON')
    .option('--report <dir>', 'write <name>.html (derivation, checks, plots) into this directory')
    .option('--chains <N>', 'independent SGLD chains per probe', integerAtLeast('--chains', 4), 24)
    .option('--seed <S>', 'seed of the chains', integerAtLeast('--seed', 0), 1)
    .option('--workers <N>', 'worker threads (0 = main thread; results do not depend on it)', integerAtLeast('--workers', 0))
    .addOption(rulesOption())
    .option('--quiet', 'no progress messages')
    .action(async (specPath: string, o: { json?: boolean; report?: string; chains: number; seed: number; workers?: number; rules?: string; quiet?: boolean }) => {
      // loaded here: the plotting and worker-pool modules cost ~0.5 s of start-up that other commands need not pay
      const [{ runVerify }, { defaultWorkers }] = await Promise.all([import('./verify.js'), import('../verify/ensemble.js')]);
      code = await runVerify(specPath, { ...o, workers: o.workers ?? defaultWorkers(), rules: o.rules ?? defaultRulesDir() }, io);
    });

  program.command('demo')
    .description('run every bundled example end to end (check, solve, verify) and write a report site: a page per example plus an index')
    .option('--out <dir>', 'output directory', 'out/demo')
    .addOption(rulesOption())
    .action(async (o: { out: string; rules?: string }) => {
      const { runDemo } = await import('./demo.js');
      code = await runDemo({ outDir: o.out, rulesDir: o.rules ?? defaultRulesDir(), io });
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (live) { io.err('\r\x1b[K'); live = undefined; } // the error replaces an unfinished progress line
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    const user = userErrorMessage(e);
    if (user !== undefined) {
      io.err(`hugoniot: ${printable(user)}\n`);
      return EXIT.badInput;
    }
    io.err(`hugoniot: internal error: ${printable(String((e as Error)?.message ?? e))}\n${process.env.HUGONIOT_DEBUG ? (e as Error).stack + '\n' : '(set HUGONIOT_DEBUG=1 for a stack trace; please report this)\n'}`);
    return EXIT.internal;
  }
}
