// User errors (bad spec, bad rule file, bad option) are reported as one line
// naming the file, the key path and what was expected, with exit code 2
// (docs/theory.md §4). Anything else is an internal error.
import { RuleError } from '../rewrite/rule-files.js';
import { InputError } from '../spec/errors.js';
import type { CheckReport } from '../derivation/derivation.js';
import { countsLine } from '../derivation/accounting.js';

export const EXIT = { ok: 0, failedCheck: 1, badInput: 2, internal: 3 } as const;

/** A bad command line (an option value, an output path). */
export class UsageError extends InputError {}

/**
 * The one exit policy of every command that runs the pipeline (docs/theory.md §4),
 * called AFTER the command has written what was asked: each failed check is
 * one line on stderr naming the derivation, the step and the check; any
 * failed check means exit 1. Skipped or unchecked statements do not change the
 * exit code (they are counted in the summary), but they are never called passed.
 */
export function checkExitCode(report: CheckReport, err: (s: string) => void): number {
  for (const f of report.failedChecks) err(`hugoniot: check failed: ${report.name}: ${f.step} [${f.method}]: ${f.detail}\n`);
  if (report.failedChecks.length === 0) return EXIT.ok;
  err(`hugoniot: ${report.name}: ${report.failedChecks.length} check(s) failed (${countsLine(report.checks)}); exit 1\n`);
  return EXIT.failedCheck;
}

/** The message of a user error (spec, rule file, option, request the pipeline refuses), else undefined. */
export function userErrorMessage(e: unknown): string | undefined {
  if (e instanceof InputError || e instanceof RuleError) return e.message;
  return undefined;
}
