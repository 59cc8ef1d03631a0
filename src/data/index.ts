// Data for network specs: teacher-student, a CSV file, or a builtin set.
// Every problem is a SpecError (the spec file and its key, or the CSV file and its cell).
import { match } from 'ts-pattern';
import type { Dataset } from '../architecture/model.js';
import { SpecError } from '../spec/errors.js';
import type { Spec } from '../spec/types.js';
import { csvData } from './csv.js';
import { irisData, irisShapeProblem } from './iris.js';
import { teacherData } from './teacher.js';

export { forwardMlp, type DenseWeights } from './forward.js';

export function loadDataset(spec: Spec): Dataset {
  const arch = spec.architecture;
  if (arch.kind !== 'mlp' || !spec.data) throw new SpecError(spec.sourceFile, 'architecture.kind', `expected a network kind to load data for, got ${arch.kind}`);
  const dataset = match(spec.data)
    .with({ kind: 'teacher' }, (d) => teacherData(arch, d, spec.loss))
    .with({ kind: 'csv' }, (d) => csvData(spec, arch, d))
    .with({ kind: 'builtin' }, (d) => {
      const problem = irisShapeProblem(arch);
      if (problem) throw new SpecError(spec.sourceFile, 'data', problem);
      return irisData(d.samples);
    })
    .exhaustive();
  // The spec alone knows this for teacher and iris data (checked when parsing); a CSV is counted only now.
  if (spec.training.batch > dataset.inputs.length) {
    throw new SpecError(spec.sourceFile, 'training.batch', `expected at most the number of samples (${dataset.inputs.length}), got ${spec.training.batch}`);
  }
  return dataset;
}
