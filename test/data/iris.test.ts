import { describe, expect, it } from 'vitest';
import { irisData, irisShapeProblem } from '../../src/data/iris.js';

const cls = (t: readonly number[]) => t.indexOf(1);

describe('iris', () => {
  const all = irisData();

  it('150 samples, 4 inputs, one-hot targets over 3 classes, 50 per class', () => {
    expect(all.inputs).toHaveLength(150);
    expect(all.inputs.every((x) => x.length === 4)).toBe(true);
    expect(all.targets.every((t) => t.length === 3 && t.filter((v) => v === 1).length === 1 && t.every((v) => v === 0 || v === 1))).toBe(true);
    expect([0, 1, 2].map((k) => all.targets.filter((t) => cls(t) === k).length)).toEqual([50, 50, 50]);
  });

  it('inputs are z-scored with the population moments: mean 0, std 1 up to rounding', () => {
    for (let j = 0; j < 4; j++) {
      const col = all.inputs.map((x) => x[j]);
      const m = col.reduce((s, v) => s + v, 0) / 150;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - m) ** 2, 0) / 150);
      expect(Math.abs(m)).toBeLessThan(1e-3);
      expect(Math.abs(sd - 1)).toBeLessThan(1e-3);
    }
  });

  it('matches scikit-learn StandardScaler on iris (first setosa, versicolor, virginica rows), to 3 decimals', () => {
    // StandardScaler().fit_transform(load_iris().data)[[0, 50, 100]], rounded (cross-checked with numpy).
    expect(all.inputs[0]).toEqual([-0.901, 1.019, -1.34, -1.315]);
    expect(all.inputs[1]).toEqual([1.402, 0.328, 0.535, 0.264]);
    expect(all.inputs[2]).toEqual([0.553, 0.559, 1.274, 1.712]);
  });

  it('a subset takes the first k of each class, interleaved', () => {
    const nine = irisData(9);
    expect(nine.targets.map(cls)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
    expect(nine.inputs).toEqual(all.inputs.slice(0, 9));
    const ten = irisData(10);
    expect(ten.targets.map(cls)).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    expect(irisData(1).inputs).toEqual([[-0.901, 1.019, -1.34, -1.315]]);
  });

  it.each([
    [4, 3, undefined],
    [2, 3, /got input 2 and last width 3/],
    [4, 2, /got input 4 and last width 2/],
  ])('architecture input %i, last width %i', (input, width, problem) => {
    const p = irisShapeProblem({ kind: 'mlp', input, layers: [{ width: 5, activation: 'relu', bias: true }, { width, activation: 'identity', bias: true }] });
    if (problem) expect(p).toMatch(problem);
    else expect(p).toBeUndefined();
  });
});
