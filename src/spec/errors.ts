// A bad spec is one clear message: the file, the key path, what was expected
// and what was found (docs/theory.md §4). The CLI turns it into exit code 2 with
// nothing written.
import type { z } from 'zod';

/**
 * Bad input that is not a spec key: a CLI option, an output path, a request
 * the pipeline cannot honour (solve's scheme needs). The CLI maps it, like a
 * SpecError, to exit 2; the pipeline throws it without knowing about the CLI.
 */
export class InputError extends Error {}

export class SpecError extends InputError {
  constructor(readonly file: string, readonly keyPath: string, readonly expected: string) {
    super(`${file}: ${keyPath || '(root)'}: ${expected}`);
  }
}

/** Longest message echoed to a terminal; longer ones are cut in the middle. */
export const MAX_MESSAGE_LENGTH = 600;

/**
 * A message safe to print on one line of a terminal: control characters
 * (escape sequences from a loss string or a CSV header, newlines) shown as
 * \xNN or \uNNNN, and a long message cut with its end kept.
 */
export function printable(message: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  if (escaped.length <= MAX_MESSAGE_LENGTH) return escaped;
  const half = Math.floor((MAX_MESSAGE_LENGTH - 5) / 2);
  return `${escaped.slice(0, half)} ... ${escaped.slice(escaped.length - half)}`;
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) for key suggestions. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The allowed key closest to a misspelt one, if it is close (at most a third of its letters off). */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined, bestDistance = Infinity;
  for (const a of allowed) {
    const dist = editDistance(key.toLowerCase(), a.toLowerCase());
    if (dist < bestDistance) { best = a; bestDistance = dist; }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** `architecture.layers[0].width`; '(root)' for the document itself. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

/** What was found, short enough for one line. */
export function describeFound(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null) return String(value);
  // Non-finite numbers (YAML .inf, .nan) would print as null in JSON.
  const s = JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `\u0000${v}\u0000` : v));
  if (s === undefined) return String(value);
  return truncate(s.replace(/"\\u0000(.*?)\\u0000"/g, '$1'));
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** "expected X, got Y", or "expected X, but the key is missing". */
export function expectedGot(expected: string, found: unknown): string {
  return found === undefined ? `${expected}, but the key is missing` : `${expected}, got ${describeFound(found)}`;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/**
 * The first zod issue as a SpecError. The schema's leaves carry their own
 * "expected ..." sentence (schema.ts); here the key path and the value found
 * are added, and the two issue kinds without a leaf message are worded.
 */
export function specErrorFromIssue(issue: z.core.$ZodIssue, raw: unknown, file: string): SpecError {
  if (issue.code === 'unrecognized_keys') {
    return new SpecError(file, formatKeyPath([...issue.path, issue.keys[0]]), issue.message);
  }
  const found = valueAt(raw, issue.path);
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    // A discriminated union (architecture.kind, data.kind) with an unknown or missing kind.
    return new SpecError(file, formatKeyPath(issue.path), expectedGot(`expected one of ${issue.options.join(', ')}`, found));
  }
  const expected = issue.message.startsWith('expected') ? issue.message : `expected a valid value (${issue.message})`;
  return new SpecError(file, formatKeyPath(issue.path), expectedGot(expected, found));
}
