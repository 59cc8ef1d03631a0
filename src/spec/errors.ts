// A bad spec is one clear message: the file, the key path, what was expected
// and what was found (DESIGN §4). The CLI turns it into exit code 2 with
// nothing written.
import type { z } from 'zod';

export class SpecError extends Error {
  constructor(readonly file: string, readonly keyPath: string, readonly expected: string) {
    super(`${file}: ${keyPath || '(root)'}: ${expected}`);
  }
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
