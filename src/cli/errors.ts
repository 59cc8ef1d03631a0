// User errors (bad spec, bad rule file, bad option) are reported as one line
// naming the file, the key path and what was expected, with exit code 2
// (DESIGN §4). Anything else is an internal error.
import { RuleError } from '../rewrite/rule-files.js';
import { SpecError } from '../spec/errors.js';

export const EXIT = { ok: 0, failedCheck: 1, badInput: 2, internal: 3 } as const;

export class UsageError extends Error {}

export function userErrorMessage(e: unknown): string | undefined {
  if (e instanceof SpecError || e instanceof RuleError || e instanceof UsageError) return e.message;
  return undefined;
}
