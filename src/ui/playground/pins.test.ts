import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from '../../core/experiment/config';
import { differingFields, runName } from './pins';

describe('pinned-run comparison', () => {
  it('lists exactly the fields that differ between configs', () => {
    const a = parseExperimentConfig({});
    const b = parseExperimentConfig({ model: { architecture: 'ple' }, weighting: { weights: [1, 3] } });
    expect(differingFields([a, b])).toEqual(['model.architecture', 'weighting.weights']);
    expect(differingFields([a, a])).toEqual([]);
    expect(runName(2, b)).toBe('Run 2: ple, fixed 1/3');
  });
});
