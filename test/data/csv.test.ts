import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumericCsv } from '../../src/data/csv.js';
import { loadDataset } from '../../src/data/index.js';
import { SpecError } from '../../src/spec/errors.js';
import { loadSpec, parseSpec } from '../../src/spec/load.js';

const good = (name: string) => join('test/fixtures/specs/good', name);

function specError(run: () => unknown): SpecError {
  try { run(); } catch (e) { if (e instanceof SpecError) return e; throw e; }
  throw new Error('expected a SpecError');
}

/** A spec in a fresh folder next to a CSV with the given text. */
function csvSpec(csv: string, targets: string[], opts: { input?: number; widths?: number[]; loss?: string; batch?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'csv-'));
  writeFileSync(join(dir, 'd.csv'), csv);
  const widths = opts.widths ?? [3, 1];
  return parseSpec({
    name: 'c',
    architecture: { kind: 'mlp', input: opts.input ?? 2, layers: widths.map((width, i) => ({ width, activation: i + 1 < widths.length ? 'relu' : 'identity' })) },
    loss: opts.loss ?? 'mse',
    data: { kind: 'csv', file: 'd.csv', targets },
    training: { batch: opts.batch ?? 1 },
  }, join(dir, 'spec.yaml'));
}

describe('CSV data', () => {
  it('target columns anywhere; inputs are the other columns in file order; blank lines skipped', () => {
    const d = loadDataset(loadSpec(good('leaky-csv.yml')));
    expect(d.inputs).toEqual([[0.5, -1], [1.25, 2], [-3, 0]]);
    expect(d.targets).toEqual([[1, 2], [0, -0.5], [0.001, 4]]);
    expect(d.description).toBe('CSV data/regression.csv, 3 samples');
  });

  it('cross-entropy with one class column: one-hot; a BOM, CRLF and quoted header are read', () => {
    const d = loadDataset(loadSpec(good('classes-csv.yaml')));
    expect(d.inputs).toEqual([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]);
    expect(d.targets).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('parseNumericCsv keeps the line numbers of the rows', () => {
    expect(parseNumericCsv('a,b\n\n1,2\n3,4\n', 'f.csv')).toEqual({ header: ['a', 'b'], rows: [[1, 2], [3, 4]], lines: [3, 4] });
  });

  it.each([
    ['a non-numeric cell', 'x1,x2,y\n1,2,3\n4,oops,6\n', 'row 3, column x2', 'expected a number, got "oops"'],
    ['an empty cell', 'x1,x2,y\n1,,3\n', 'row 2, column x2', 'expected a number, got ""'],
    ['a short row', 'x1,x2,y\n1,2,3\n4,5\n', 'row 3', 'expected 3 cells (as in the header), got 2'],
    ['a duplicate column', 'x,x,y\n1,2,3\n', 'row 1, column 2', 'expected distinct column names, got "x" twice'],
    ['no data rows', 'x1,x2,y\n', '(root)', 'expected at least one data row after the header'],
    ['an empty file', '\n\n', '(root)', 'expected a header row and at least one data row, got an empty file'],
  ])('%s: the CSV file, row and column are named', (_, csv, keyPath, expected) => {
    const spec = csvSpec(csv, ['y']);
    const e = specError(() => loadDataset(spec));
    expect(e.file).toBe(resolve(spec.sourceFile, '..', 'd.csv'));
    expect([e.keyPath, e.expected]).toEqual([keyPath, expected]);
  });

  it.each([
    ['a target that is not a column', 'x1,x2,y\n1,2,3\n', ['z'], {}, 'data.targets[0]', 'expected a column of d.csv (x1, x2, y), got "z"'],
    ['a target named twice', 'x1,y\n1,2\n', ['y', 'y'], { input: 1, widths: [2] }, 'data.targets[1]', 'expected distinct target columns, got "y" twice'],
    ['too many input columns', 'x1,x2,x3,y\n1,2,3,4\n', ['y'], {}, 'architecture.input', 'expected 3 (the non-target columns of d.csv: x1, x2, x3), got 2'],
    ['targets fewer than the last width', 'x1,x2,y\n1,2,3\n', ['y'], { widths: [3, 2] }, 'data.targets', 'expected 2 target column(s) (the last layer width), got 1'],
    ['batch larger than the rows', 'x1,x2,y\n1,2,3\n4,5,6\n', ['y'], { batch: 3 }, 'training.batch', 'expected at most the number of samples (2), got 3'],
  ])('%s: the spec file and its key are named', (_, csv, targets, opts, keyPath, expected) => {
    const spec = csvSpec(csv, targets, opts);
    const e = specError(() => loadDataset(spec));
    expect([e.file, e.keyPath, e.expected]).toEqual([spec.sourceFile, keyPath, expected]);
  });

  it('cross-entropy class indices must be integers in 0..width-1', () => {
    const spec = csvSpec('x1,x2,c\n1,2,0\n3,4,3\n', ['c'], { widths: [3], loss: 'cross-entropy' });
    const e = specError(() => loadDataset(spec));
    expect([e.keyPath, e.expected]).toEqual(['row 3, column c', 'expected a class index 0..2, got 3']);
    expect(loadDataset(csvSpec('x1,x2,c\n1,2,0\n3,4,2\n', ['c'], { widths: [3], loss: 'cross-entropy' })).targets).toEqual([[1, 0, 0], [0, 0, 1]]);
  });
});
