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
    [{ weighting: { weights: [1, 1, 1] } }, 'weighting.weights', /one weight per task \(2\)/],
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
  ])('rejects %j naming %s', (input, field, message) => {
    const issues = issuesOf(input);
    const issue = issues.find((i) => i.field === field);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue!.message).toMatch(message);
  });
});
