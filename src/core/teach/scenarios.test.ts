import { describe, expect, it } from 'vitest';
import { configFromLink as configFromQuery, linkFromConfig as configToQuery } from './link';
import { scenarioById, scenarioConfig, SCENARIOS } from './scenarios';

describe('scenarios', () => {
  it('are the seven the course needs, each with a short story and a valid config', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(['clickbait', 'related-tasks', 'seesaw', 'selection-bias', 'cold-start', 'popularity-bias', 'filter-bubble']);
    for (const s of SCENARIOS) {
      const sentences = s.story.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, s.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, s.id).toBeLessThanOrEqual(3);
      expect(() => scenarioConfig(s), s.id).not.toThrow();
    }
  });

  it('round-trip through the URL', () => {
    for (const s of SCENARIOS) {
      const config = scenarioConfig(s);
      const back = configFromQuery(configToQuery(config));
      expect(back.ignored, s.id).toEqual([]);
      expect(back.config, s.id).toEqual(config);
    }
  });

  it('set what their stories say', () => {
    expect(scenarioConfig(scenarioById('clickbait')!).world).toMatchObject({ kind: 'shopper', alignment: -0.8 });
    expect(scenarioConfig(scenarioById('related-tasks')!).world).toMatchObject({ kind: 'mmoe', correlation: 0.5 });
    expect(scenarioConfig(scenarioById('selection-bias')!).model.purchaseTarget).toBe('cvr');
    expect(scenarioConfig(scenarioById('cold-start')!).world).toMatchObject({ coldShopperShare: 0.3, coldItemShare: 0.2 });
    expect(scenarioConfig(scenarioById('filter-bubble')!).ranking.method).toBe('mmr');
  });
});

describe('scenario links', () => {
  it('?scenario=<id> alone loads the scenario, and names it', () => {
    const { config, ignored, scenario } = configFromQuery('?scenario=clickbait');
    expect(ignored).toEqual([]);
    expect(scenario).toBe('clickbait');
    expect(config).toEqual(scenarioConfig(scenarioById('clickbait')!));
  });

  it('keeps changes made after loading, including a field set back to its default', () => {
    const base = scenarioConfig(scenarioById('clickbait')!);
    const changed = { ...base, world: { ...base.world, alignment: 0.3 }, training: { ...base.training, epochs: 4 } };
    const q = configToQuery(changed, 'clickbait');
    expect(q).toBe('scenario=clickbait&world.alignment=0.3&training.epochs=4');
    expect(configFromQuery(q).config).toEqual(changed);
  });

  it('switching the world kind of a scenario keeps the rest, and an unknown scenario is reported', () => {
    const base = scenarioConfig(scenarioById('related-tasks')!);
    const shopperWorld = configFromQuery('world.kind=shopper').config.world;
    const switched = { ...base, world: shopperWorld };
    const back = configFromQuery(configToQuery(switched, 'related-tasks'));
    expect(back.config).toEqual(switched);
    const bad = configFromQuery('scenario=nope&training.epochs=2');
    expect(bad.ignored.map((i) => i.key)).toEqual(['scenario']);
    expect(bad.config.training.epochs).toBe(2);
    expect(bad.scenario).toBeNull();
  });
});
