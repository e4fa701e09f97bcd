/** The config round-trips through the URL; a tampered URL loads defaults with a notice per field. */
import { describe, expect, it } from 'vitest';
import { parseExperimentConfig } from './config';
import { configFromQuery, configToQuery } from './url';

describe('config in the URL', () => {
  it('writes nothing for the defaults and reads the defaults back', () => {
    const defaults = parseExperimentConfig({});
    expect(configToQuery(defaults)).toBe('');
    expect(configFromQuery('')).toEqual({ config: defaults, ignored: [], scenario: null });
  });

  it('round-trips a changed config in both worlds', () => {
    const shopper = parseExperimentConfig({
      world: { alignment: -0.5, numShoppers: 500 },
      model: { architecture: 'ple', pleLevels: 2 },
      weighting: { strategy: 'gradnorm', weights: [0.5, 2], gradnormAlpha: 0.75 },
      training: { learningRate: 0.0005, backend: 'wasm' },
      evaluation: { k: 20 },
    });
    const q = configToQuery(shopper);
    expect(q).toContain('model.architecture=ple');
    expect(q).toContain('weighting.weights=0.5%2C2');
    expect(configFromQuery(q)).toEqual({ config: shopper, ignored: [], scenario: null });
    expect(configFromQuery(`?${q}`).config).toEqual(shopper);

    const mmoe = parseExperimentConfig({ world: { kind: 'mmoe', correlation: 0.5, seed: 7 }, model: { architecture: 'omoe' } });
    const qm = configToQuery(mmoe);
    expect(qm).toMatch(/^world\.kind=mmoe&/);
    expect(configFromQuery(qm)).toEqual({ config: mmoe, ignored: [], scenario: null });
  });

  it('ignores each bad or unknown key with its reason and keeps the rest', () => {
    const { config, ignored } = configFromQuery(
      'model.architecture=transformer&training.batchSize=0&training.learningRate=abc&weighting.weights=1,x&colour=red&model.towerUnits=32&world.alignment=2',
    );
    const defaults = parseExperimentConfig({});
    expect(config.model.architecture).toBe(defaults.model.architecture);
    expect(config.training.batchSize).toBe(defaults.training.batchSize);
    expect(config.weighting.weights).toEqual(defaults.weighting.weights);
    expect(config.world).toEqual(defaults.world);
    expect(config.model.towerUnits).toBe(32);
    expect(ignored.map((i) => i.key).sort()).toEqual(
      ['colour', 'model.architecture', 'training.batchSize', 'training.learningRate', 'weighting.weights', 'world.alignment'].sort(),
    );
    expect(ignored.find((i) => i.key === 'training.batchSize')!.reason).toMatch(/integer in \[1, 65536\], got 0/);
    expect(ignored.find((i) => i.key === 'colour')!.reason).toMatch(/not a setting/);
  });

  it('drops a field that does not fit the others, e.g. ESMM in the regression world', () => {
    const { config, ignored } = configFromQuery('world.kind=mmoe&model.architecture=esmm&weighting.weights=1,2,3');
    expect(config.world.kind).toBe('mmoe');
    expect(config.model.architecture).toBe('mmoe');
    expect(config.weighting.weights).toEqual([1, 1]);
    expect(ignored.map((i) => i.key).sort()).toEqual(['model.architecture', 'weighting.weights']);
    expect(configFromQuery('world.kind=moon').ignored[0]).toMatchObject({ key: 'world.kind', value: 'moon' });
  });
});
