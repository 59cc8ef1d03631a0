// A bare loss expression in declared parameters (spec kind `expression`).
import { parseExpr } from '../ir/parse.js';
import { latex } from '../print/latex-expr.js';
import type { Spec } from '../spec/types.js';
import type { Model } from './model.js';

export function expressionModel(spec: Spec): Model {
  if (spec.architecture.kind !== 'expression') throw new Error('expressionModel needs an expression spec');
  const loss = parseExpr(spec.architecture.loss);
  return {
    kind: 'expression',
    parameters: spec.architecture.parameters,
    loss,
    sampleLosses: [],
    outputs: [],
    layers: [],
    definitionTex: `A loss given directly as an expression in the parameters: $L = ${latex(loss)}$.`,
  };
}
