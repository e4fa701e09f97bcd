/**
 * The auxiliary interest head: its labels (the item's category is the shopper's favourite), the
 * config rules for its weight, and a run that trains and evaluates three heads.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { ConfigError } from '../config/fields';
import { parseExperimentConfig, taskCount } from './config';
import { liveTensors, prepareData, runExperiment } from './run';

const WORLD = { kind: 'shopper', numShoppers: 150, numItems: 50, sessionsPerShopper: 4 };

describe('the interest head', () => {
  it('labels each impression 1 exactly when its item is in the shopper’s favourite category', () => {
    const config = parseExperimentConfig({ world: WORLD, model: { auxiliaryTask: 'interest' } });
    const { data, shopperWorld } = prepareData(config);
    const w = shopperWorld!;
    expect(data.tasks.map((t) => t.name)).toEqual(['click', 'purchase', 'interest']);
    const per = w.shoppers.favouriteCategories.length / w.shoppers.numShoppers;
    let ones = 0;
    for (let r = 0; r < w.log.size; r++) {
      const fav = w.shoppers.favouriteCategories[w.log.shopper[r] * per];
      expect(data.labels[2][r]).toBe(w.catalog.itemCategory[w.log.item[r]] === fav ? 1 : 0);
      ones += data.labels[2][r];
    }
    // Neither all nor none: something to learn.
    expect(ones).toBeGreaterThan(0.05 * w.log.size);
    expect(ones).toBeLessThan(0.95 * w.log.size);
  });

  it('takes a weight per task, or leaves its own at 1 with two; refuses more, and the regression world', () => {
    const c = (over: Record<string, unknown>) => parseExperimentConfig({ world: WORLD, model: { auxiliaryTask: 'interest' }, ...over });
    expect(taskCount(c({}))).toBe(3);
    expect(c({ weighting: { weights: [1, 2, 0.5] } }).weighting.weights).toEqual([1, 2, 0.5]);
    const issue = (input: unknown, field: string) => {
      try {
        parseExperimentConfig(input);
      } catch (e) {
        return (e as ConfigError).issues.find((i) => i.field === field)?.message;
      }
      return undefined;
    };
    expect(issue({ world: WORLD, model: { auxiliaryTask: 'interest' }, weighting: { weights: [1, 1, 1, 1] } }, 'weighting.weights')).toMatch(/one weight per task \(3: click, purchase, interest; 2 leaves the interest head at 1\).*got 4/);
    expect(issue({ world: WORLD, model: { auxiliaryTask: 'interest' }, weighting: { weights: [1] } }, 'weighting.weights')).toMatch(/got 1/);
    expect(issue({ world: WORLD, weighting: { weights: [1, 1, 1] } }, 'weighting.weights')).toMatch(/one weight per task \(2: click, purchase\); a weight for the cart needs the three-step funnel \(world.funnel "click-cart-purchase"\), got 3/);
    expect(issue({ world: { kind: 'mmoe' }, model: { auxiliaryTask: 'interest' } }, 'model.auxiliaryTask')).toMatch(/needs the shopper world/);
  });

  it('trains and evaluates three heads, the interest head weighted 1 when the list has two weights', async () => {
    const start = liveTensors();
    const result = await runExperiment(
      { world: WORLD, model: { auxiliaryTask: 'interest', architecture: 'mmoe' }, weighting: { strategy: 'fixed', weights: [1, 1] }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 10, k: 5 } },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    expect(result.training.status).toBe('completed');
    expect(result.evaluation!.tasks.map((t) => t.task)).toEqual(['click', 'purchase', 'interest']);
    expect(result.training.finalWeights).toEqual([1, 1, 1]);
    expect(result.evaluation!.tasks[2].auc).toBeGreaterThan(0.5);
    expect(liveTensors()).toBe(start);
  });
});
