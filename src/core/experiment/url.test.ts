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

  it('a three-step world: one 1 per task is the default (not written), other weights round-trip, and two weights are refused by name', () => {
    const three = parseExperimentConfig({ world: { funnel: 'click-cart-purchase' } });
    expect(configToQuery(three)).toBe('world.funnel=click-cart-purchase');
    expect(configFromQuery('world.funnel=click-cart-purchase')).toEqual({ config: three, ignored: [], scenario: null });
    const weighted = parseExperimentConfig({ world: { funnel: 'click-cart-purchase' }, weighting: { weights: [1, 2, 0.5] } });
    expect(configFromQuery(configToQuery(weighted)).config).toEqual(weighted);
    const bad = configFromQuery('world.funnel=click-cart-purchase&weighting.weights=1,2');
    expect(bad.config.weighting.weights).toEqual([1, 1, 1]);
    expect(bad.ignored).toEqual([{ key: 'weighting.weights', value: '1,2', reason: 'must hold one weight per task (3: click, purchase, cart), got 2' }]);
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

  it('never reaches a built-in: prototype keys are unknown settings, and Object is untouched', () => {
    const before = { assign: Object.assign, keys: Object.keys, toString: Object.prototype.toString, has: Object.prototype.hasOwnProperty, name: Object.name };
    for (const q of ['constructor.assign=1', '__proto__.toString=1', 'hasOwnProperty.call=1', '__proto__.hasOwnProperty=1', 'constructor.keys=1', 'constructor.name=1', 'model.constructor=1', 'model.__proto__=1', 'world.toString=1', 'toString=1', 'training.hasOwnProperty=2']) {
      const { config, ignored } = configFromQuery(q);
      expect(config, q).toEqual(parseExperimentConfig({}));
      expect(ignored, q).toEqual([{ key: q.split('=')[0], value: q.split('=')[1], reason: 'is not a setting of this experiment' }]);
    }
    expect({ assign: Object.assign, keys: Object.keys, toString: Object.prototype.toString, has: Object.prototype.hasOwnProperty, name: Object.name }).toEqual(before);
    expect(({}).toString()).toBe('[object Object]');
  });

  it('drops keys that conflict with fields the link did not set, with the reason, instead of throwing', () => {
    const small = configFromQuery('world.numItems=5');
    expect(small.config.world).toMatchObject({ numItems: 1000 });
    expect(small.ignored).toEqual([{ key: 'world.numItems', value: '5', reason: expect.stringMatching(/^does not fit with world\.itemsPerSession: .*non-cold items of the 5-item catalogue/) }]);
    const huge = configFromQuery('world.sessionsPerShopper=1000&world.itemsPerSession=100');
    expect(huge.config.world).toMatchObject({ sessionsPerShopper: 1000, itemsPerSession: 10 });
    expect(huge.ignored.map((i) => i.key)).toEqual(['world.itemsPerSession']);
    expect(huge.ignored[0].reason).toMatch(/does not fit with world\.numShoppers: .*at most 20,000,000 impressions/);
    const k = configFromQuery('world.numItems=20&evaluation.k=50');
    expect(k.ignored.map((i) => [i.key, i.reason])).toEqual([['evaluation.k', 'a top-K list cannot be longer than the 20-item catalogue, got 50']]);
  });

  it('quotes what the link gave, and says which of two repeated keys counts', () => {
    const { config, ignored } = configFromQuery('training.learningRate=abc&weighting.weights=1,x&training.epochs=2&training.epochs=3');
    expect(ignored.find((i) => i.key === 'training.learningRate')!.reason).toBe('must be a number in [1e-7, 10], got "abc"');
    expect(ignored.find((i) => i.key === 'weighting.weights')!.reason).toMatch(/got "x" at index 1/);
    expect(config.training.epochs).toBe(3);
    expect(ignored.find((i) => i.key === 'training.epochs')).toEqual({ key: 'training.epochs', value: '2', reason: 'is given again later in the link; the last value counts' });
  });
});

