// The validated spec (docs/theory.md §4). src/spec/schema.ts validates raw YAML/JSON
// into exactly this shape; every later stage reads only this.
import type { Activation } from '../ir/functions.js';

export type ArchitectureKind = 'expression' | 'mlp';

export interface ExpressionArchitecture {
  readonly kind: 'expression';
  readonly parameters: readonly string[];
  /** Loss source text, parsed by src/ir/parse.ts. */
  readonly loss: string;
}

export interface DenseLayer {
  readonly width: number;
  readonly activation: Activation;
  readonly bias: boolean;
  /** Negative slope, only for leaky_relu (default 0.01). */
  readonly slope?: number;
}

export interface MlpArchitecture {
  readonly kind: 'mlp';
  readonly input: number;
  readonly layers: readonly DenseLayer[];
}

export type Architecture = ExpressionArchitecture | MlpArchitecture;

export type DataSpec =
  /** Teacher-student: inputs ~ N(0,1) (seeded), targets from a random teacher of the same architecture. */
  | { readonly kind: 'teacher'; readonly samples: number; readonly seed: number; readonly noise: number }
  /** CSV with a header row; `targets` names the target columns, the rest are inputs. Path relative to the spec file. */
  | { readonly kind: 'csv'; readonly file: string; readonly targets: readonly string[] }
  /** A data set shipped by an npm package. */
  | { readonly kind: 'builtin'; readonly name: 'iris'; readonly samples?: number };

export interface TrainingSpec {
  readonly lr: number;
  readonly batch: number;
  /** SGD temperature 1/beta; nu = temperature / 2. If absent it is estimated (docs/theory.md §1). */
  readonly temperature?: number;
  /** Steps of the reference SGD trajectory (mlp shock check). */
  readonly steps: number;
  readonly seed: number;
}

export interface Spec {
  readonly name: string;
  readonly architecture: Architecture;
  /** Only for network kinds. */
  readonly loss: 'mse' | 'cross-entropy';
  readonly data?: DataSpec;
  /** Box per parameter (expression kind) or per quotient coordinate. */
  readonly domain: Readonly<Record<string, readonly [number, number]>>;
  readonly training: TrainingSpec;
  /** Absolute path of the file the spec came from (for messages and relative paths). */
  readonly sourceFile: string;
}
