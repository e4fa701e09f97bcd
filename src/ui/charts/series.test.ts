import { describe, expect, it } from 'vitest';
import { mergeSeries, tableRows } from './series';

describe('mergeSeries', () => {
  it('joins series on x, sorted, leaving gaps undefined, and drops non-positive values for log scales', () => {
    const rows = mergeSeries([
      { key: 'a', view: { x: [1, 3], y: [0.5, 0] } },
      { key: 'b', view: { x: [2, 3], y: [2, 4] } },
    ]);
    expect(rows).toEqual([{ x: 1, a: 0.5 }, { x: 2, b: 2 }, { x: 3, a: 0, b: 4 }]);
    expect(mergeSeries([{ key: 'a', view: { x: [1, 3], y: [0.5, 0] } }], true)).toEqual([{ x: 1, a: 0.5 }]);
    expect(tableRows(rows, ['a', 'b'])[1]).toEqual([2, Number.NaN, 2]);
    expect(mergeSeries([{ key: 'a', view: { x: [1, 2, 3], y: [1, Infinity, Number.NaN] } }])).toEqual([{ x: 1, a: 1 }]);
  });
});
