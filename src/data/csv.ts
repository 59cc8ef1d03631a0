// CSV data: a header row, numeric cells; `targets` names the target columns.
// For cross-entropy a single integer class column is one-hot encoded.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Dataset } from '../architecture/model.js';
import { SpecError } from '../spec/errors.js';
import type { Spec } from '../spec/types.js';

export function csvData(spec: Spec, file: string, targets: readonly string[], outputs: number, inputs: number): Dataset {
  const path = resolve(dirname(spec.sourceFile), file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SpecError(spec.sourceFile, 'data.file', `cannot read CSV file ${path}`);
  }
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(',').map((c) => c.trim()));
  const header = rows.shift() ?? [];
  const missing = targets.filter((t) => !header.includes(t));
  if (missing.length) throw new SpecError(spec.sourceFile, 'data.targets', `expected columns of ${file} (${header.join(', ')}), missing ${missing.join(', ')}`);
  const tIdx = targets.map((t) => header.indexOf(t));
  const xIdx = header.map((_, i) => i).filter((i) => !tIdx.includes(i));
  if (xIdx.length !== inputs) throw new SpecError(spec.sourceFile, 'architecture.input', `expected ${xIdx.length} (the non-target columns of ${file}), got ${inputs}`);
  const values = rows.map((r, ri) => r.map((cell, ci) => {
    const v = Number(cell);
    if (cell === '' || !Number.isFinite(v)) throw new SpecError(path, `row ${ri + 2}, column ${header[ci] ?? ci + 1}`, `expected a number, got ${JSON.stringify(cell)}`);
    return v;
  }));
  const oneHot = spec.loss === 'cross-entropy' && targets.length === 1 && outputs > 1;
  if (!oneHot && targets.length !== outputs) throw new SpecError(spec.sourceFile, 'data.targets', `expected ${outputs} target column(s) (the last layer width), got ${targets.length}`);
  const ys = values.map((r, ri) => {
    if (!oneHot) return tIdx.map((i) => r[i]);
    const k = r[tIdx[0]];
    if (!Number.isInteger(k) || k < 0 || k >= outputs) throw new SpecError(path, `row ${ri + 2}, column ${targets[0]}`, `expected a class index 0..${outputs - 1}, got ${k}`);
    return Array.from({ length: outputs }, (_, i) => (i === k ? 1 : 0));
  });
  return { inputs: values.map((r) => xIdx.map((i) => r[i])), targets: ys, description: `CSV ${file}, ${values.length} samples` };
}
