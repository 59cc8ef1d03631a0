// User errors (bad spec, bad rule file, bad option) are reported as one line
// naming the file, the key path and what was expected, with exit code 2
// (DESIGN §4). Anything else is an internal error.
import { RuleError } from '../rewrite/rule-files.js';
import { InputError } from '../spec/errors.js';

export const EXIT = { ok: 0, failedCheck: 1, badInput: 2, internal: 3 } as const;

/** A bad command line (an option value, an output path). */
export class UsageError extends InputError {}

/** The message of a user error (spec, rule file, option, request the pipeline refuses), else undefined. */
export function userErrorMessage(e: unknown): string | undefined {
  if (e instanceof InputError || e instanceof RuleError) return e.message;
  return undefined;
}
