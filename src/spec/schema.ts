// The spec schema (zod v4). Objects are strict: an unknown key is an error
// that names the key and the keys allowed there. Every leaf carries its own
// "expected ..." sentence, so errors.ts only appends what was found.
// Checks that need more than one key (the loss parses and uses only declared
// parameters, slope only with leaky_relu, batch <= samples) are in semantic.ts.
import { z } from 'zod';
import { ACTIVATIONS } from '../ir/functions.js';
import { closestKey } from './errors.js';

/** One message for every way a leaf can be wrong. */
const says = (expected: string) => ({ error: expected });

/** A strict object whose unknown-key error suggests the closest allowed key and lists them all. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const keys = Object.keys(shape);
  const unknown = (key: string): string => {
    const near = closestKey(key, keys);
    return `unknown key${near ? `; did you mean ${near}?` : ''} (expected one of: ${keys.join(', ')})`;
  };
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknown(String(issue.keys[0])) : 'expected a mapping (key: value)'),
  });
}

/**
 * The stated bounds on sizes read from a spec: the work and memory of every
 * stage grow with them, so a typo (width: 1e9) is refused here instead of
 * running out of memory later (docs/spec.md, "Limits").
 */
export const SPEC_LIMITS = {
  nameLength: 64,
  expressionParameters: 24,
  // Depth 4 at width 16 (881 parameters) runs in about 2 minutes and 1.1-1.7 GB (docs/spec.md, Limits);
  // the symmetry and quotient stages grow with the number of invariants (~P) and metric entries (~P^2/2).
  networkParameters: 1000,
  // GL(h) of a linear (identity-activation) hidden layer has h^2 generators, each checked on its own:
  // 2-32-2 (1024) takes ~4 s in the symmetry stage, 2-59-2 (3481) ~45 s.
  linearGenerators: 1024,
  input: 512,
  width: 512,
  layers: 16,
  samples: 2_000,
  steps: 100_000,
} as const;

const POSITIVE_INT = 'expected a positive integer';
const positiveInt = () => z.int(says(POSITIVE_INT)).positive(says(POSITIVE_INT));
const boundedInt = (max: number, what: string) => {
  const msg = `expected a positive integer of at most ${max.toLocaleString('en-US')} (${what})`;
  return z.int(says(msg)).positive(says(msg)).max(max, says(msg));
};
const seed = () => z.int(says('expected a non-negative integer seed')).nonnegative(says('expected a non-negative integer seed'));
const positive = (what: string) => z.number(says(`expected a positive number (${what})`)).positive(says(`expected a positive number (${what})`));

const IDENTIFIER = 'expected an identifier (a letter, then letters, digits or _)';
const identifier = z.string(says(IDENTIFIER)).regex(/^[A-Za-z][A-Za-z0-9_]*$/, says(IDENTIFIER));

const INTERVAL = 'expected a pair [lo, hi] of finite numbers';
// A custom check rather than z.tuple: the error then names domain.<key>, not an element of the pair.
const interval = z
  .custom<readonly [number, number]>((v) => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x)), says(INTERVAL))
  .refine(([lo, hi]) => lo < hi, says('expected [lo, hi] with lo < hi'));

const SLOPE = 'expected a negative slope in (0, 1)';
const layer = strict({
  width: boundedInt(SPEC_LIMITS.width, 'the limit on a layer width'),
  activation: z.enum(ACTIVATIONS, says(`expected one of ${ACTIVATIONS.join(', ')}`)),
  bias: z.boolean(says('expected true or false')).default(true),
  slope: z.number(says(SLOPE)).gt(0, says(SLOPE)).lt(1, says(SLOPE)).optional(),
});

const expression = strict({
  kind: z.literal('expression'),
  parameters: z.array(identifier, says('expected a list of parameter names')).min(1, says('expected at least one parameter'))
    .max(SPEC_LIMITS.expressionParameters, says(`expected at most ${SPEC_LIMITS.expressionParameters} parameters (the limit for expression losses)`)),
  loss: z.string(says('expected the loss as an expression string, e.g. "(w^2 - 1)^2 / 4"')).min(1, says('expected a non-empty loss expression')),
});

const mlp = strict({
  kind: z.literal('mlp'),
  input: boundedInt(SPEC_LIMITS.input, 'the limit on the input dimension'),
  layers: z.array(layer, says('expected a list of layers')).min(1, says('expected at least one layer'))
    .max(SPEC_LIMITS.layers, says(`expected at most ${SPEC_LIMITS.layers} layers (the limit on depth)`)),
});

const CSV_FILE = 'expected a path to a CSV file, relative to the spec';
const COLUMN = 'expected a column name';
const IRIS_SAMPLES = 'expected an integer from 1 to 150 (iris has 150 samples)';
const NON_NEGATIVE = 'expected a non-negative number';

const teacherData = strict({
  kind: z.literal('teacher'),
  samples: boundedInt(SPEC_LIMITS.samples, 'the limit on samples').default(64),
  seed: seed().default(0),
  noise: z.number(says(NON_NEGATIVE)).nonnegative(says(NON_NEGATIVE)).default(0),
});

const csvData = strict({
  kind: z.literal('csv'),
  file: z.string(says(CSV_FILE)).min(1, says(CSV_FILE)),
  targets: z.array(z.string(says(COLUMN)).min(1, says(COLUMN)), says('expected a list of target column names')).min(1, says('expected at least one target column')),
});

const builtinData = strict({
  kind: z.literal('builtin'),
  name: z.enum(['iris'], says('expected one of the builtin data sets: iris')),
  samples: z.int(says(IRIS_SAMPLES)).min(1, says(IRIS_SAMPLES)).max(150, says(IRIS_SAMPLES)).optional(),
});

const data = z.discriminatedUnion('kind', [teacherData, csvData, builtinData], says('expected a mapping with kind: teacher, csv or builtin'));

const training = strict({
  lr: positive('the learning rate').default(0.1),
  batch: boundedInt(SPEC_LIMITS.samples, 'the limit on samples').default(1),
  temperature: positive('the SGD temperature 1/beta').optional(),
  steps: boundedInt(SPEC_LIMITS.steps, 'the limit on SGD steps').default(200),
  seed: seed().default(0),
});

/** Network specs without a data block get teacher-student data. */
export const DEFAULT_MLP_DATA = { kind: 'teacher', samples: 64, seed: 0, noise: 0 } as const;

/** Expression parameters without a domain entry get this box. */
export const DEFAULT_PARAMETER_DOMAIN = [-3, 3] as const;

const NAME = `expected a name of letters, digits, - and _ (starting with a letter or digit, at most ${SPEC_LIMITS.nameLength} characters: it becomes a file name)`;
export const specSchema = strict({
  name: z.string(says(NAME)).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, says(NAME)).max(SPEC_LIMITS.nameLength, says(NAME)),
  architecture: z.discriminatedUnion('kind', [expression, mlp], says('expected a mapping with kind: expression or mlp')),
  loss: z.enum(['mse', 'cross-entropy'], says('expected one of mse, cross-entropy')).default('mse'),
  data: data.optional(),
  // Keys are identifiers: __proto__ and other non-names are refused here, before any object is built from them.
  domain: z.record(identifier, interval, says('expected a mapping from names to [lo, hi]')).default({}),
  training: training.default({ lr: 0.1, batch: 1, steps: 200, seed: 0 }),
});

export type RawSpec = z.infer<typeof specSchema>;
