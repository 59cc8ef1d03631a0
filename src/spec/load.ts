// Spec loading: read YAML or JSON (loadSpec, the only I/O), then validate
// (parseSpec, pure): the zod schema, the semantic checks, the defaults.
// Every failure is a SpecError naming file, key path and expectation.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { SpecError, specErrorFromIssue } from './errors.js';
import { DEFAULT_MLP_DATA, DEFAULT_PARAMETER_DOMAIN, specSchema, type RawSpec } from './schema.js';
import { checkSemantics } from './semantic.js';
import type { Architecture, Spec } from './types.js';

const FORMATS: Readonly<Record<string, 'YAML' | 'JSON'>> = { '.yaml': 'YAML', '.yml': 'YAML', '.json': 'JSON' };

/** 1-based line of a character offset. */
const lineOf = (source: string, offset: number): number => source.slice(0, offset).split('\n').length;

function parseDocument(source: string, format: 'YAML' | 'JSON', file: string): unknown {
  try {
    return format === 'JSON' ? JSON.parse(source) : parseYaml(source);
  } catch (e) {
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
    source = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpecError(path, '(root)', `expected a readable spec file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
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
  if (!parsed.success) throw specErrorFromIssue(parsed.error.issues[0], raw, file);
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
