// Spec loading: read YAML or JSON, validate with the schema, then the
// semantic checks. Every failure is a SpecError naming file, key path and
// the expectation.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { freeSymbols } from '../ir/expr.js';
import { parseExpr, ParseError } from '../ir/parse.js';
import { SpecError } from './errors.js';
import { specSchema } from './schema.js';
import type { Spec } from './types.js';

export function loadSpec(path: string): Spec {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError(path, '(root)', `cannot read the spec file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? ` at line ${e.linePos[0].line}` : '';
    throw new SpecError(path, '(root)', `expected valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}${where}: ${(e as Error).message.split('\n')[0]}`);
  }
  return parseSpec(raw, path);
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function issueMessage(issue: z.core.$ZodIssue, raw: unknown): { path: readonly PropertyKey[]; expected: string } {
  const got = describe(valueAt(raw, issue.path));
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...issue.path, issue.keys[0]], expected: `unknown key (allowed here: see docs/spec.md)` };
    case 'invalid_value':
      return { path: issue.path, expected: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}` };
    case 'invalid_union': {
      const kinds: Record<string, string> = { architecture: 'expression, mlp', data: 'teacher, csv, builtin' };
      const owner = String(issue.path[issue.path.length - 2] ?? issue.path[0] ?? '');
      return { path: issue.path, expected: `expected one of ${kinds[owner] ?? 'the documented kinds'} (see docs/spec.md), got ${got}` };
    }
    case 'too_small':
      if (issue.origin === 'array') return { path: issue.path, expected: issue.message.startsWith('expected') ? issue.message : `expected at least ${issue.minimum} entries` };
      return { path: issue.path, expected: `expected a ${issue.origin === 'number' && (issue as { inclusive?: boolean }).inclusive === false ? 'positive ' : ''}${issue.origin === 'string' ? 'non-empty string' : 'number'}${issue.origin === 'number' && (issue as { inclusive?: boolean }).inclusive !== false ? ` >= ${issue.minimum}` : ''}, got ${got}` };
    case 'too_big':
      return { path: issue.path, expected: `expected at most ${issue.maximum}, got ${got}` };
    case 'invalid_type':
      if (issue.expected === 'int') return { path: issue.path, expected: `expected an integer, got ${got}` };
      return { path: issue.path, expected: `expected ${issue.expected === 'tuple' ? 'a pair [lo, hi]' : `a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`}, got ${got}` };
    default:
      return { path: issue.path, expected: `${issue.message}, got ${got}` };
  }
}

/** Validate an already-parsed spec document. */
export function parseSpec(raw: unknown, file: string): Spec {
  const parsed = specSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const { path, expected } = issueMessage(issue, raw);
    // zod reports a positive-integer violation as too_small: say "positive integer" for widths and counts.
    const msg = issue.code === 'too_small' && issue.origin === 'number' && (issue as { inclusive?: boolean }).inclusive === false
      ? `expected a positive ${Number.isInteger(valueAt(raw, issue.path)) ? 'integer' : 'number'}, got ${describe(valueAt(raw, issue.path))}`
      : expected;
    throw new SpecError(file, keyPath(path), msg);
  }
  const s = parsed.data;
  const sourceFile = resolve(file);
  const err = (key: string, expected: string): never => { throw new SpecError(file, key, expected); };

  if (s.architecture.kind === 'expression') {
    const params = s.architecture.parameters;
    const dup = params.find((p, i) => params.indexOf(p) !== i);
    if (dup) err('architecture.parameters', `expected distinct names, "${dup}" appears twice`);
    let lossExpr;
    try {
      lossExpr = parseExpr(s.architecture.loss);
    } catch (e) {
      if (e instanceof ParseError) err('architecture.loss', `expected a loss expression: ${e.message}`);
      throw e;
    }
    const undeclared = freeSymbols(lossExpr!).filter((v) => !params.includes(v));
    if (undeclared.length) err('architecture.loss', `uses undeclared symbol(s) ${undeclared.join(', ')} (declared parameters: ${params.join(', ')})`);
    if (s.data) err('data', 'expected no data for an expression loss (the loss is given directly)');
    for (const key of Object.keys(s.domain)) if (!params.includes(key)) err(`domain.${key}`, `expected a declared parameter (${params.join(', ')})`);
  } else {
    s.architecture.layers.forEach((l, i) => {
      if (l.slope !== undefined && l.activation !== 'leaky_relu') err(`architecture.layers[${i}].slope`, 'expected only with activation leaky_relu');
    });
  }
  for (const [key, [lo, hi]] of Object.entries(s.domain)) if (!(lo < hi)) err(`domain.${key}`, `expected [lo, hi] with lo < hi, got [${lo}, ${hi}]`);

  const data = s.architecture.kind === 'mlp' ? (s.data ?? { kind: 'teacher' as const, samples: 64, seed: 0, noise: 0 }) : undefined;
  if (data && data.kind === 'teacher' && s.training.batch > data.samples) err('training.batch', `expected at most the number of samples (${data.samples}), got ${s.training.batch}`);
  const domain = s.architecture.kind === 'expression'
    ? Object.fromEntries(s.architecture.parameters.map((p) => [p, (s.domain[p] ?? [-3, 3]) as readonly [number, number]]))
    : s.domain;
  return {
    name: s.name,
    architecture: s.architecture.kind === 'mlp'
      ? { kind: 'mlp', input: s.architecture.input, layers: s.architecture.layers.map((l) => ({ ...l, ...(l.activation === 'leaky_relu' ? { slope: l.slope ?? 0.01 } : {}) })) }
      : s.architecture,
    loss: s.loss,
    ...(data ? { data } : {}),
    domain,
    training: s.training,
    sourceFile,
  };
}
