// What every architecture module produces: a parameterised symbolic model.
// Adding a layer kind touches one module in src/architecture plus rules.
import type { Expr } from '../ir/expr.js';
import type { Activation } from '../ir/functions.js';
import type { ArchitectureKind, MlpArchitecture } from '../spec/types.js';

/** A dense (affine) layer of a network, by parameter names: weights[out][in]. */
export interface LinearLayerParams {
  readonly index: number;
  readonly weights: readonly (readonly string[])[];
  readonly bias: readonly string[] | null;
  /** Activation applied to this layer's output. */
  readonly activation: Activation;
}

export interface Dataset {
  /** inputs[d][i] and targets[d][k], exact decimals already rounded (they enter the symbolic loss as rationals). */
  readonly inputs: readonly (readonly number[])[];
  readonly targets: readonly (readonly number[])[];
  readonly description: string;
}

export interface Model {
  readonly kind: ArchitectureKind;
  /** theta, in a fixed order. */
  readonly parameters: readonly string[];
  /** L(theta), symbolic, with the data instantiated. */
  readonly loss: Expr;
  /** Per-sample losses l_d(theta); L = mean_d l_d. Empty for a bare expression. */
  readonly sampleLosses: readonly Expr[];
  /** Network outputs f_theta(x_d)_k, flattened over (d, k); empty for a bare expression. */
  readonly outputs: readonly Expr[];
  /**
   * The network function on a symbolic input, f_theta(x) for x given as
   * expressions (network kinds only): identities proved for symbolic x hold at
   * every data point (the symmetry stage proves them there, issue 11).
   */
  readonly forward?: (x: readonly Expr[]) => Expr[];
  /** Dense layers in order (network kinds only). */
  readonly layers: readonly LinearLayerParams[];
  readonly dataset?: Dataset;
  /** The network's architecture (network kinds only): the tensor-route numerics are built from it. */
  readonly architecture?: MlpArchitecture;
  /** LaTeX of the model's definition (forward map and loss), for the first derivation step. */
  readonly definitionTex: string;
  readonly lossKind?: 'mse' | 'cross-entropy';
}
