/** Settings that change nothing for a config are told apart from those that do. */
import { describe, expect, it } from 'vitest';
import { fieldApplies } from './applies';
import { parseExperimentConfig } from './config';

describe('fieldApplies', () => {
  it('hides what the defaults do not use, and shows it once a choice uses it', () => {
    const defaults = parseExperimentConfig({});
    expect(fieldApplies(defaults, 'weighting', 'gradnormAlpha')).toBe(false);
    expect(fieldApplies(defaults, 'model', 'pleLevels')).toBe(false);
    expect(fieldApplies(defaults, 'training', 'momentum')).toBe(false);
    expect(fieldApplies(defaults, 'model', 'numExperts')).toBe(true);
    expect(fieldApplies(defaults, 'training', 'learningRate')).toBe(true);
    const other = parseExperimentConfig({ weighting: { strategy: 'gradnorm' }, model: { architecture: 'ple' }, training: { optimizer: 'sgd' } });
    expect(fieldApplies(other, 'weighting', 'gradnormAlpha')).toBe(true);
    expect(fieldApplies(other, 'model', 'pleLevels')).toBe(true);
    expect(fieldApplies(other, 'model', 'numExperts')).toBe(false);
    expect(fieldApplies(other, 'training', 'momentum')).toBe(true);
    const regression = parseExperimentConfig({ world: { kind: 'mmoe' } });
    expect(fieldApplies(regression, 'model', 'purchaseTarget')).toBe(false);
    expect(fieldApplies(regression, 'evaluation', 'k')).toBe(false);
    for (const name of ['negativeSampling', 'positiveWeights', 'focalGamma']) {
      expect(fieldApplies(regression, 'training', name), name).toBe(false);
      expect(fieldApplies(defaults, 'training', name), name).toBe(true);
    }
    expect(fieldApplies(regression, 'constructor', 'name')).toBe(true);
  });
});
