/** Bad experiment configs fail with an error that names the field. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/fields';
import { parseExperimentConfig } from './config';

function issuesOf(input: unknown): Array<{ field: string; message: string }> {
  try {
    parseExperimentConfig(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return [...(e as ConfigError).issues];
  }
  throw new Error('expected a ConfigError');
}

describe('experiment config', () => {
  it('fills every section with defaults', () => {
    const c = parseExperimentConfig({});
    expect(c.world.kind).toBe('shopper');
    expect(c.model.architecture).toBe('mmoe');
    expect(c.weighting.weights).toEqual([1, 1]);
    expect(c.training.batchSize).toBeGreaterThan(0);
  });

  it.each([
    [{ model: { architecture: 'transformer' } }, 'model.architecture', /one of "single-task", "shared-bottom", "omoe", "mmoe", "ple", "esmm"/],
    [{ weighting: { strategy: 'magic' } }, 'weighting.strategy', /one of "fixed", "uncertainty"/],
    [{ weighting: { weights: [1, -2] } }, 'weighting.weights', /each in \[0, 100\], got -2 at index 1/],
    [{ weighting: { weights: [1, 'x'] } }, 'weighting.weights', /got "x" at index 1/],
    [{ weighting: { weights: [1, 1, 1] } }, 'weighting.weights', /one weight per task \(2: click, purchase\)/],
    [{ training: { batchSize: 0 } }, 'training.batchSize', /integer in \[1, 65536\], got 0/],
    [{ training: { learningRate: 0 } }, 'training.learningRate', /number in \[1e-7, 10\], got 0/],
    [{ training: { learningRate: -0.1 } }, 'training.learningRate', /got -0.1/],
    [{ training: { learningRate: 'fast' } }, 'training.learningRate', /got "fast"/],
    [{ training: { backend: 'tpu' } }, 'training.backend', /one of "auto", "webgpu", "webgl", "wasm", "cpu"/],
    [{ world: { kind: 'moon' } }, 'world.kind', /"shopper", "mmoe"/],
    [{ world: { kind: 'mmoe', correlation: 2 } }, 'world.correlation', /\[-1, 1\]/],
    [{ world: { kind: 'mmoe' }, model: { architecture: 'esmm' } }, 'model.architecture', /needs the shopper world/],
    [{ model: { architecture: 'single-task' }, weighting: { strategy: 'pcgrad' } }, 'weighting.strategy', /single-task models share none/],
    [{ trainig: {} }, 'trainig', /not a config section/],
    [{ model: { constructor: 5, hasOwnProperty: 6 } }, 'model.constructor', /not a known field/],
    [{ model: { constructor: 5, hasOwnProperty: 6 } }, 'model.hasOwnProperty', /not a known field/],
    [JSON.parse('{"__proto__": {"epochs": 2}}'), '__proto__', /not a config section/],
    [JSON.parse('{"training": {"__proto__": {"epochs": 2}}}'), 'training.__proto__', /not a known field/],
    [{ training: { epochs: 5n } }, 'training.epochs', /got 5n \(a BigInt\)/],
    [{ weighting: { weights: [1, 2n] } }, 'weighting.weights', /got 2n \(a BigInt\) at index 1/],
    [{ world: 5 }, 'world', /must be an object, got 5/],
    [{ world: [] }, 'world', /must be an object, got \[\]/],
    [{ world: { kind: 'mmoe', testShare: 0 } }, 'world.testShare', /leaves the test split empty/],
    [{ world: { kind: 'mmoe', validationShare: 0 } }, 'world.validationShare', /leaves the validation split empty/],
    [{ world: { numItems: 20 }, evaluation: { k: 100 } }, 'evaluation.k', /cannot be longer than the 20-item catalogue, got 100/],
    [{ training: { learningRate: Number.NaN } }, 'training.learningRate', /got NaN/],
    [{ training: { epochs: -0.5 } }, 'training.epochs', /got -0.5/],
    [{ training: { negativeSampling: 0 } }, 'training.negativeSampling', /must be a number in \(0, 1\], got 0/],
    [{ training: { negativeSampling: 1.2 } }, 'training.negativeSampling', /in \(0, 1\], got 1\.2/],
    [{ training: { negativeSampling: -0.1 } }, 'training.negativeSampling', /got -0\.1/],
    [{ training: { focalGamma: -1 } }, 'training.focalGamma', /must be a number in \[0, 10\], got -1/],
    [{ training: { positiveWeights: [1, 0] } }, 'training.positiveWeights', /each in \[0\.01, 1000\], got 0 at index 1/],
    [{ training: { positiveWeights: [1, 2, 3] } }, 'training.positiveWeights', /one weight per task \(2: click, purchase\).*, got 3/],
    [{ world: { kind: 'mmoe' }, training: { negativeSampling: 0.5 } }, 'training.negativeSampling', /regression world has none/],
    [{ world: { kind: 'mmoe' }, training: { focalGamma: 2 } }, 'training.focalGamma', /regression world has none/],
    [{ world: { kind: 'mmoe' }, training: { positiveWeights: [1, 3] } }, 'training.positiveWeights', /regression world has none/],
  ])('rejects %s naming %s', (input, field, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });

  it('turns a circular value into an error naming the field, not a TypeError', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    const issues = issuesOf({ training: { epochs: loop } });
    expect(issues).toEqual([{ field: 'training.epochs', message: 'must be an integer in [1, 1000], got an object that contains itself' }]);
    expect(issuesOf(loop).map((i) => i.field)).toEqual(['self']);
  });
});

