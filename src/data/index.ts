// Data for network specs: teacher-student, a CSV file, or a builtin set.
import { match } from 'ts-pattern';
import type { Dataset } from '../architecture/model.js';
import { SpecError } from '../spec/errors.js';
import type { Spec } from '../spec/types.js';
import { csvData } from './csv.js';
import { irisData } from './iris.js';
import { teacherData } from './teacher.js';

export function loadDataset(spec: Spec): Dataset {
  const arch = spec.architecture;
  if (arch.kind !== 'mlp' || !spec.data) throw new SpecError(spec.sourceFile, 'data', 'expected a data block for a network spec');
  const outputs = arch.layers[arch.layers.length - 1].width;
  return match(spec.data)
    .with({ kind: 'teacher' }, (d) => teacherData(arch, d, spec.loss))
    .with({ kind: 'csv' }, (d) => csvData(spec, d.file, d.targets, outputs, arch.input))
    .with({ kind: 'builtin' }, (d) => {
      if (arch.input !== 4 || outputs !== 3) throw new SpecError(spec.sourceFile, 'data', `expected input 4 and a last layer of width 3 for iris, got input ${arch.input}, width ${outputs}`);
      return irisData(d.samples);
    })
    .exhaustive();
}
