/** Bad input gives a clear error naming the field and its allowed range: never a clamp, hang or NaN. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/fields';
import { generateMmoeWorld, generateShopperWorld, parseShopperWorldConfig, SHOPPER_WORLD_FIELDS } from './index';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('world config validation', () => {
  it('fills defaults for an empty config', () => {
    const c = parseShopperWorldConfig({});
    for (const [k, f] of Object.entries(SHOPPER_WORLD_FIELDS)) expect(c[k as keyof typeof c]).toBe(f.default);
  });

  it.each([
    [{ numShoppers: -5 }, 'world.numShoppers', /integer in \[1, 200000\], got -5/],
    [{ numItems: 10.5 }, 'world.numItems', /integer in \[2, 100000\], got 10.5/],
    [{ alignment: 1.5 }, 'world.alignment', /number in \[-1, 1\], got 1.5/],
    [{ alignment: -1.01 }, 'world.alignment', /\[-1, 1\]/],
    [{ positionBias: 'strong' }, 'world.positionBias', /number in \[0, 5\], got "strong"/],
    [{ labelNoise: NaN }, 'world.labelNoise', /number in \[0, 5\]/],
    [{ seed: null }, 'world.seed', /integer in \[0, 4294967295\], got null/],
    [{ numItems: 20, itemsPerSession: 30, coldItemShare: 0 }, 'world.itemsPerSession', /\[1, 20\].*got 30/],
    [{ numItems: 20, itemsPerSession: 20, coldItemShare: 0.1 }, 'world.itemsPerSession', /\[1, 18\]/],
    [{ colour: 3 }, 'world.colour', /not a known field/],
  ])('rejects %j naming %s', (input, field, message) => {
    const err = errorOf(() => generateShopperWorld(input as never));
    const issue = err.issues.find((i) => i.field === field);
    expect(issue, `issues: ${JSON.stringify(err.issues)}`).toBeDefined();
    expect(issue!.message).toMatch(message);
    expect(err.message).toContain(field);
  });

  it('lists every bad field at once', () => {
    const err = errorOf(() => parseShopperWorldConfig({ numShoppers: 0, alignment: 2 }));
    expect(err.issues.map((i) => i.field).sort()).toEqual(['world.alignment', 'world.numShoppers']);
  });

  it('refuses a log too large to hold rather than running out of memory', () => {
    const err = errorOf(() => parseShopperWorldConfig({ numShoppers: 200000, sessionsPerShopper: 100, itemsPerSession: 10 }));
    expect(err.issues[0].message).toMatch(/at most 20,000,000 impressions/);
  });

  it('rejects a non-object config', () => {
    expect(errorOf(() => parseShopperWorldConfig(7)).issues[0].field).toBe('world');
  });

  it('validates the MMoE world too', () => {
    const err = errorOf(() => generateMmoeWorld({ correlation: 1.2, numSamples: 0 }));
    expect(err.issues.map((i) => i.field).sort()).toEqual(['world.correlation', 'world.numSamples']);
  });
});
