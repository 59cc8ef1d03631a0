// The spec schema (zod, strict objects: unknown keys are errors). Semantic
// checks that zod cannot express (the loss parses and uses only declared
// parameters, domains are ordered) are in load.ts.
import { z } from 'zod';
import { ACTIVATIONS } from '../ir/functions.js';

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected an identifier (letters, digits, _; starting with a letter)');
const positiveInt = z.number().int().positive();
const interval = z.tuple([z.number().finite(), z.number().finite()]);

const layer = z.strictObject({
  width: positiveInt,
  activation: z.enum(ACTIVATIONS),
  bias: z.boolean().default(true),
  slope: z.number().gt(0).lt(1).optional(),
});

const expression = z.strictObject({
  kind: z.literal('expression'),
  parameters: z.array(identifier).min(1, 'expected at least one parameter'),
  loss: z.string().min(1),
});

const mlp = z.strictObject({
  kind: z.literal('mlp'),
  input: positiveInt,
  layers: z.array(layer).min(1, 'expected at least one layer'),
});

const data = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('teacher'), samples: positiveInt.default(64), seed: z.number().int().nonnegative().default(0), noise: z.number().nonnegative().default(0) }),
  z.strictObject({ kind: z.literal('csv'), file: z.string().min(1), targets: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ kind: z.literal('builtin'), name: z.literal('iris'), samples: positiveInt.max(150).optional() }),
]);

const training = z.strictObject({
  lr: z.number().positive().default(0.1),
  batch: positiveInt.default(1),
  temperature: z.number().positive().optional(),
  steps: positiveInt.default(200),
  seed: z.number().int().nonnegative().default(0),
});

export const specSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a name of letters, digits, - and _ (it names output files)'),
  architecture: z.discriminatedUnion('kind', [expression, mlp]),
  loss: z.enum(['mse', 'cross-entropy']).default('mse'),
  data: data.optional(),
  domain: z.record(z.string(), interval).default({}),
  training: training.default({ lr: 0.1, batch: 1, steps: 200, seed: 0 }),
});

export type RawSpec = z.infer<typeof specSchema>;
