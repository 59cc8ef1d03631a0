// Checks that zod cannot express on one key alone: the loss parses and uses
// only declared parameters, parameter names are usable symbols, domains name
// declared parameters, slope goes with leaky_relu, cross-entropy has at
// least two outputs, batch <= samples.
// Each failure is a SpecError naming the key.
import { freeSymbols } from '../ir/expr.js';
import { RESERVED_NAMES } from '../ir/functions.js';
import { parseExpr, ParseError, parseWithin, quoteSource } from '../ir/parse.js';
import { diff } from '../ir/diff.js';
import type { Expr } from '../ir/expr.js';
import { SpecError } from './errors.js';
import { DEFAULT_MLP_DATA, SPEC_LIMITS, type RawSpec } from './schema.js';

type RawExpression = Extract<RawSpec['architecture'], { kind: 'expression' }>;
type RawMlp = Extract<RawSpec['architecture'], { kind: 'mlp' }>;

/** The samples in the data set when the spec alone tells (teacher, iris); a CSV is counted when it is read. */
export function knownSampleCount(data: RawSpec['data']): number | undefined {
  if (!data) return undefined;
  if (data.kind === 'teacher') return data.samples;
  if (data.kind === 'builtin') return data.samples ?? 150;
  return undefined;
}

/**
 * What a declared parameter name fails to be, if anything: it must read back
 * as itself (not a keyword or constant of the expression language) and must
 * not be a function name (`exp(w)` would be ambiguous).
 */
function parameterNameProblem(name: string): string | undefined {
  // pi, e, i would read as constants, max/min/sqrt as functions, whatever the parser does with them.
  if (RESERVED_NAMES.has(name)) return 'not a function or constant name of the expression language';
  const parsesAs = (src: string) => { try { return parseExpr(src); } catch { return undefined; } };
  const alone = parsesAs(name);
  if (!alone || alone.kind !== 'sym' || alone.name !== name) return 'not a reserved word of the expression language';
  if (parsesAs(`${name}(1)`) || parsesAs(`${name}(1, 1)`)) return 'not the name of a function';
  return undefined;
}

/** Every first derivative folds to 0 (w - w, 0 * w, 3); a delta's derivative is not a constant. */
function isConstant(loss: Expr, params: readonly string[]): boolean {
  if (freeSymbols(loss).length === 0) return true;
  try {
    return params.every((p) => { const g = diff(loss, p); return g.kind === 'num' && g.value.equals(0); });
  } catch {
    return false;
  }
}

function checkExpression(arch: RawExpression, s: RawSpec, raw: unknown, file: string): void {
  const params = arch.parameters;
  params.forEach((p, i) => {
    const first = params.indexOf(p);
    if (first !== i) throw new SpecError(file, `architecture.parameters[${i}]`, `expected distinct parameter names, got "${p}" again (also at [${first}])`);
    const problem = parameterNameProblem(p);
    if (problem) throw new SpecError(file, `architecture.parameters[${i}]`, `expected a parameter name that is ${problem}, got "${p}"`);
  });
  let loss;
  try {
    loss = parseWithin(arch.loss);
  } catch (e) {
    if (e instanceof ParseError) throw new SpecError(file, 'architecture.loss', `expected an expression in the declared parameters; ${e.message}`);
    throw e;
  }
  if (isConstant(loss, params)) {
    throw new SpecError(file, 'architecture.loss', `expected a loss that depends on the parameters (${params.join(', ')}), got the constant ${quoteSource(arch.loss)} (a constant loss has no gradient flow, symmetry or shock to derive)`);
  }
  const undeclared = freeSymbols(loss).filter((v) => !params.includes(v)).sort();
  if (undeclared.length) {
    throw new SpecError(file, 'architecture.loss', `expected only the declared parameters (${params.join(', ')}), got undeclared symbol(s) ${undeclared.join(', ')}`);
  }
  if (s.data !== undefined) throw new SpecError(file, 'data', 'expected no data for an expression architecture (the loss is given directly)');
  // The top-level `loss` (mse | cross-entropy) is for networks; here it would be mistaken for architecture.loss.
  if ('loss' in (raw as Record<string, unknown>)) throw new SpecError(file, 'loss', 'expected no top-level loss for an expression architecture (the loss is architecture.loss)');
  for (const key of Object.keys(s.domain)) {
    if (!params.includes(key)) throw new SpecError(file, `domain.${key}`, `expected a declared parameter (${params.join(', ')}), got "${key}"`);
  }
}

function checkMlp(arch: RawMlp, s: RawSpec, file: string): void {
  arch.layers.forEach((l, i) => {
    if (l.slope !== undefined && l.activation !== 'leaky_relu') {
      throw new SpecError(file, `architecture.layers[${i}].slope`, `expected slope only with activation leaky_relu, got activation ${l.activation}`);
    }
  });
  let fanIn = arch.input, count = 0;
  for (const l of arch.layers) { count += fanIn * l.width + (l.bias ? l.width : 0); fanIn = l.width; }
  if (count > SPEC_LIMITS.networkParameters) {
    throw new SpecError(file, 'architecture.layers', `expected a network of at most ${SPEC_LIMITS.networkParameters} parameters (the limit on network size: the symmetry and quotient stages grow with it; see docs/spec.md, Limits), got ${count}`);
  }
  // A hidden layer with identity activation carries GL(width) between its neighbours: width^2 generators.
  const generators = arch.layers.slice(0, -1).reduce((n, l) => n + (l.activation === 'identity' ? l.width ** 2 : 0), 0);
  if (generators > SPEC_LIMITS.linearGenerators) {
    throw new SpecError(file, 'architecture.layers', `expected identity-activation hidden layers with at most ${SPEC_LIMITS.linearGenerators} GL(h) generators in all (the sum of their widths squared: each generator is checked on its own; see docs/spec.md, Limits), got ${generators}`);
  }
  const outputs = arch.layers[arch.layers.length - 1].width;
  // A softmax over one logit is constant: the cross-entropy loss would not depend on the network.
  if (s.loss === 'cross-entropy' && outputs < 2) {
    throw new SpecError(file, 'loss', `expected mse for a network with one output (cross-entropy needs a last layer of width >= 2), got cross-entropy`);
  }
  const samples = knownSampleCount(s.data ?? DEFAULT_MLP_DATA);
  if (samples !== undefined && s.training.batch > samples) {
    throw new SpecError(file, 'training.batch', `expected at most the number of samples (${samples}), got ${s.training.batch}`);
  }
}

/** Throws the first semantic problem of a schema-valid spec. */
export function checkSemantics(s: RawSpec, raw: unknown, file: string): void {
  if (s.architecture.kind === 'expression') checkExpression(s.architecture, s, raw, file);
  else checkMlp(s.architecture, s, file);
}
