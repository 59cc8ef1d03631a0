// CSV data: a header row, then numeric cells, comma separated (no quoting
// beyond a pair of double quotes around a whole cell). `targets` names the
// target columns; the other columns are the inputs, in file order. For
// cross-entropy a single integer class column is one-hot encoded.
// Cell errors name the CSV file, the row (its line number) and the column;
// shape errors name the spec file and its key.
import { dirname, resolve } from 'node:path';
import type { Dataset } from '../architecture/model.js';
import { SpecError } from '../spec/errors.js';
import { FileProblem, readRegularFile } from '../spec/read-file.js';
import { SPEC_LIMITS } from '../spec/schema.js';

/** The largest CSV read (regular files only); its rows are also limited to SPEC_LIMITS.samples. */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

/**
 * How a cell or column name is echoed: the file may be anything the spec
 * points at (/etc/passwd), so only short, plain text is quoted; anything else
 * is described, never shown.
 */
export const echoCell = (cell: string): string =>
  (/^[\w .+-]{0,24}$/.test(cell) ? JSON.stringify(cell) : `a cell of ${cell.length} characters`);

const columnList = (header: readonly string[]): string =>
  (header.length <= 12 && header.every((h) => /^[\w .+-]{1,24}$/.test(h)) ? header.join(', ') : `${header.length} columns`);
import type { DataSpec, MlpArchitecture, Spec } from '../spec/types.js';

export interface NumericTable {
  readonly header: readonly string[];
  /** rows[r][c], with the file line of each row for messages. */
  readonly rows: readonly (readonly number[])[];
  readonly lines: readonly number[];
}

const cellText = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1').trim();

/** Parse CSV text whose cells below the header are all numbers; `file` names it in errors. */
export function parseNumericCsv(text: string, file: string): NumericTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l, i) => ({ line: i + 1, cells: l.split(',').map(cellText) }))
    .filter((l) => l.cells.some((c) => c !== ''));
  if (lines.length === 0) throw new SpecError(file, '(root)', 'expected a header row and at least one data row, got an empty file');
  const [head, ...body] = lines;
  const header = head.cells;
  header.forEach((name, i) => {
    if (name === '') throw new SpecError(file, `row ${head.line}, column ${i + 1}`, 'expected a column name in the header, got an empty cell');
    if (header.indexOf(name) !== i) throw new SpecError(file, `row ${head.line}, column ${i + 1}`, `expected distinct column names, got ${echoCell(name)} twice`);
  });
  if (body.length === 0) throw new SpecError(file, '(root)', 'expected at least one data row after the header');
  if (body.length > SPEC_LIMITS.samples) throw new SpecError(file, '(root)', `expected at most ${SPEC_LIMITS.samples} data rows (the limit on samples), got ${body.length}`);
  const rows = body.map(({ line, cells }) => {
    if (cells.length !== header.length) throw new SpecError(file, `row ${line}`, `expected ${header.length} cells (as in the header), got ${cells.length}`);
    return cells.map((cell, c) => {
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) throw new SpecError(file, `row ${line}, column ${/^[\w .+-]{1,24}$/.test(header[c]) ? header[c] : c + 1}`, `expected a number, got ${echoCell(cell)}`);
      return v;
    });
  });
  return { header, rows, lines: body.map((l) => l.line) };
}

/** The CSV data set of an mlp spec (path relative to the spec file). */
export function csvData(spec: Spec, arch: MlpArchitecture, data: Extract<DataSpec, { kind: 'csv' }>): Dataset {
  const path = resolve(dirname(spec.sourceFile), data.file);
  let text: string;
  try {
    text = readRegularFile(path, MAX_CSV_BYTES);
  } catch (e) {
    if (e instanceof FileProblem) throw new SpecError(spec.sourceFile, 'data.file', `expected a readable CSV file, got ${path} (${e.message})`);
    throw e;
  }
  const table = parseNumericCsv(text, path);
  const { header } = table;
  data.targets.forEach((t, i) => {
    if (!header.includes(t)) throw new SpecError(spec.sourceFile, `data.targets[${i}]`, `expected a column of ${data.file} (${columnList(header)}), got "${t}"`);
    if (data.targets.indexOf(t) !== i) throw new SpecError(spec.sourceFile, `data.targets[${i}]`, `expected distinct target columns, got "${t}" twice`);
  });
  const targetCols = data.targets.map((t) => header.indexOf(t));
  const inputCols = header.map((_, c) => c).filter((c) => !targetCols.includes(c));
  if (inputCols.length !== arch.input) {
    throw new SpecError(spec.sourceFile, 'architecture.input', `expected ${inputCols.length} (the non-target columns of ${data.file}: ${columnList(inputCols.map((c) => header[c]))}), got ${arch.input}`);
  }
  const outputs = arch.layers[arch.layers.length - 1].width;
  const classColumn = spec.loss === 'cross-entropy' && data.targets.length === 1 && outputs > 1;
  if (!classColumn && data.targets.length !== outputs) {
    throw new SpecError(spec.sourceFile, 'data.targets', `expected ${outputs} target column(s) (the last layer width)${spec.loss === 'cross-entropy' ? ' or one class column' : ''}, got ${data.targets.length}`);
  }
  const targets = table.rows.map((r, i) => {
    if (!classColumn) return targetCols.map((c) => r[c]);
    const k = r[targetCols[0]];
    if (!Number.isInteger(k) || k < 0 || k >= outputs) {
      throw new SpecError(path, `row ${table.lines[i]}, column ${data.targets[0]}`, `expected a class index 0..${outputs - 1}, got ${k}`);
    }
    return Array.from({ length: outputs }, (_, j) => (j === k ? 1 : 0));
  });
  return {
    inputs: table.rows.map((r) => inputCols.map((c) => r[c])),
    targets,
    description: `CSV ${data.file}, ${table.rows.length} samples`,
  };
}
