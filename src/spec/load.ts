// Spec loading: read YAML or JSON (loadSpec, the only I/O), then validate
// (parseSpec, pure): the zod schema, the semantic checks, the defaults.
// Every failure is a SpecError naming file, key path and expectation.
import { extname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument as parseYamlDocument, YAMLParseError, type Node as YamlNode } from 'yaml';
import { formatKeyPath, SpecError, specErrorFromIssue } from './errors.js';
import { FileProblem, readRegularFile } from './read-file.js';
import { DEFAULT_MLP_DATA, DEFAULT_PARAMETER_DOMAIN, specSchema, type RawSpec } from './schema.js';
import { checkSemantics } from './semantic.js';
import type { Architecture, Spec } from './types.js';

/** A spec is a small file; larger ones are refused before parsing (YAML parse time grows with the keys). */
export const MAX_SPEC_BYTES = 64 * 1024;

const FORMATS: Readonly<Record<string, 'YAML' | 'JSON'>> = { '.yaml': 'YAML', '.yml': 'YAML', '.json': 'JSON' };

/** 1-based line of a character offset. */
const lineOf = (source: string, offset: number): number => source.slice(0, offset).split('\n').length;

/**
 * The first key that appears twice in one mapping, with its path. Checked here
 * in one pass (the YAML library's own check is quadratic in the keys) and for
 * JSON too, where JSON.parse silently keeps the last value.
 */
function duplicateKey(root: YamlNode | null): { path: PropertyKey[]; line?: number } | undefined {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
        if (seen.has(key)) return { path: [...path, key] };
        seen.add(key);
        stack.push({ node: pair.value, path: [...path, key] });
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
  }
  return undefined;
}

/** A key that would set an object's prototype when the document becomes objects. */
function prototypeKey(raw: unknown): PropertyKey[] | undefined {
  const stack: { v: unknown; path: PropertyKey[] }[] = [{ v: raw, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return [...path, k];
        stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k] });
      }
    }
  }
  return undefined;
}

function parseDocument(source: string, format: 'YAML' | 'JSON', file: string): unknown {
  try {
    let raw: unknown;
    if (format === 'JSON') {
      raw = JSON.parse(source);
      // JSON is YAML: the YAML parser finds the duplicate keys JSON.parse drops.
      const doc = parseYamlDocument(source, { uniqueKeys: false });
      const dup = doc.errors.length ? undefined : duplicateKey(doc.contents);
      if (dup) throw new SpecError(file, formatKeyPath(dup.path), 'expected each key once in its mapping, got a duplicate key');
    } else {
      const doc = parseYamlDocument(source, { uniqueKeys: false });
      if (doc.errors.length) throw doc.errors[0];
      const dup = duplicateKey(doc.contents);
      if (dup) throw new SpecError(file, formatKeyPath(dup.path), 'expected each key once in its mapping, got a duplicate key');
      raw = doc.toJS({ maxAliasCount: 100 });
    }
    const proto = prototypeKey(raw);
    if (proto) throw new SpecError(file, formatKeyPath(proto), 'expected a key name, got __proto__ (refused: it would set an object prototype)');
    return raw;
  } catch (e) {
    if (e instanceof SpecError) throw e;
    // One line: the parser's first sentence without its own position suffix, and the position in front.
    // (Node's JSON messages may quote a source snippet after ', "': drop it.)
    const message = (e as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/, (\.\.\.)?".*$/, '').replace(/:$/, '');
    let where = '';
    if (e instanceof YAMLParseError && e.linePos) where = ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}`;
    else {
      const position = /position (\d+)/.exec(message);
      if (position) where = ` at line ${lineOf(source, Number(position[1]))}`;
    }
    throw new SpecError(file, '(root)', `expected valid ${format}; error${where}: ${message}`);
  }
}

/** Read and validate a spec file (.yaml, .yml or .json). */
export function loadSpec(path: string): Spec {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new SpecError(path, '(root)', `expected a .yaml, .yml or .json file, got "${extname(path) || 'no extension'}"`);
  let source: string;
  try {
    source = readRegularFile(path, MAX_SPEC_BYTES);
  } catch (e) {
    if (e instanceof FileProblem) throw new SpecError(path, '(root)', `expected a readable spec file (${e.message})`);
    throw e;
  }
  return parseSpec(parseDocument(source, format, path), path);
}

function architectureOf(s: RawSpec): Architecture {
  const arch = s.architecture;
  if (arch.kind === 'expression') return { kind: 'expression', parameters: arch.parameters, loss: arch.loss };
  return {
    kind: 'mlp',
    input: arch.input,
    layers: arch.layers.map((l) => ({
      width: l.width,
      activation: l.activation,
      bias: l.bias,
      ...(l.activation === 'leaky_relu' ? { slope: l.slope ?? 0.01 } : {}),
    })),
  };
}

/** Validate an already-parsed spec document; `file` names it in errors and becomes sourceFile (absolute). */
export function parseSpec(raw: unknown, file: string): Spec {
  const parsed = specSchema.safeParse(raw);
  // A misspelt key explains the missing one zod also reports: name the unknown key first.
  if (!parsed.success) throw specErrorFromIssue(parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0], raw, file);
  const s = parsed.data;
  checkSemantics(s, raw, file);
  const architecture = architectureOf(s);
  const domain = architecture.kind === 'expression'
    ? Object.fromEntries(architecture.parameters.map((p) => [p, s.domain[p] ?? DEFAULT_PARAMETER_DOMAIN]))
    : s.domain;
  const data = architecture.kind === 'mlp' ? (s.data ?? DEFAULT_MLP_DATA) : undefined;
  return {
    name: s.name,
    architecture,
    loss: s.loss,
    ...(data ? { data } : {}),
    domain,
    training: s.training,
    sourceFile: resolve(file),
  };
}
