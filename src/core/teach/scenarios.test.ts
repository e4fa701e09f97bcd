import { describe, expect, it } from 'vitest';
import { configFromQuery, configToQuery } from '../experiment/url';
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
