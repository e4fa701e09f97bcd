/**
 * One model for every weighting through the experiment: the config's rules, a conditioned run that
 * keeps its network and moves to other weights without retraining (`evaluateAtWeights`), the same
 * model rebuilt from its parameters elsewhere, and conditioned members of a population.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { configIssue as issue } from './configIssue';
import { conditionDim, parseExperimentConfig } from './config';
import { trainPopulation } from './population';
import { evaluateAtWeights, liveTensors, prepareData, purchaseModeOf, trainExperiment, WorldKeeper } from './run';
import { TrainedModel } from './trained';

const BASE = {
  world: { numShoppers: 120, numItems: 50, sessionsPerShopper: 4 },
  training: { epochs: 2, batchSize: 256, backend: 'wasm' },
  weighting: { strategy: 'conditioned' },
  evaluation: { rankShoppers: 15, k: 5 },
};
const wasm = { wasmPaths: nodeWasmPaths() };

describe('a conditioned config', () => {
  it('conditions on the world’s own tasks (not the interest head), and refuses what it cannot serve', () => {
    expect(conditionDim(parseExperimentConfig(BASE))).toBe(2);
    expect(conditionDim(parseExperimentConfig({ ...BASE, world: { funnel: 'click-cart-purchase' } }))).toBe(3);
    expect(conditionDim(parseExperimentConfig({ ...BASE, model: { auxiliaryTask: 'interest' } }))).toBe(2);
    expect(conditionDim(parseExperimentConfig({}))).toBe(0);
    expect(issue({ ...BASE, model: { architecture: 'single-task' } }, 'weighting.strategy')).toMatch(/single-task model shares nothing/);
    expect(issue({ ...BASE, weighting: { strategy: 'conditioned', weights: [0, 0] } }, 'weighting.weights')).toMatch(/first 2 weights \(click, purchase\): at least one must be above 0/);
    expect(issue({ ...BASE, weighting: { strategy: 'conditioned', weights: [0, 3] } }, 'weighting.weights')).toBeUndefined();
  });
});

describe('a conditioned run', () => {
  it('keeps one network that moves to any weighting without retraining, and nothing leaks', async () => {
    const before = liveTensors();
    const worlds = new WorldKeeper();
    const run = await trainExperiment(BASE, { worlds }, wasm);
    const model = run.model!;
    expect(model.conditioned?.conditionDim).toBe(2);
    expect(model.net.conditionDim).toBe(0); // fixed at the config's weights for scoring
    expect(run.result.evaluation).not.toBeNull();

    // At the run's own weights: the run's own evaluation, exactly.
    const same = await evaluateAtWeights(model, run.result, [1, 1], { worlds });
    expect(same.result.evaluation!.tasks.map((t) => t.auc)).toEqual(run.result.evaluation!.tasks.map((t) => t.auc));
    expect(same.result.evaluation!.ranking!.policies[0].ndcg.value).toBe(run.result.evaluation!.ranking!.policies[0].ndcg.value);
    same.model.dispose();

    // Elsewhere: the config says where, the training is the run's, and the predictions move.
    const shoppers = Int32Array.from([0, 1, 2, 3]);
    const items = Int32Array.from([5, 6, 7, 8]);
    const here = await model.predictPairs(shoppers, items);
    const moved = await evaluateAtWeights(model, run.result, [0.2, 1.8], { worlds });
    expect(moved.result.config.weighting.weights).toEqual([0.2, 1.8]);
    expect(moved.result.training).toBe(run.result.training);
    expect(worlds.reused).toBe(2); // the run's world, not a new one
    const there = await moved.model.predictPairs(shoppers, items);
    expect(Array.from(there[1])).not.toEqual(Array.from(here[1]));
    expect(() => moved.model.atWeights([1, 1])).toThrow(/Only a model trained with the conditioned weighting/);
    moved.model.dispose();

    // Rebuilt from its parameters (what the sweep helper sends): the same predictions.
    const config = parseExperimentConfig(BASE);
    const rebuilt = TrainedModel.fromValues(config, prepareData(config), model.exportValues(), purchaseModeOf(config));
    expect(rebuilt.conditioned).not.toBeNull();
    expect(Array.from((await rebuilt.predictPairs(shoppers, items))[1])).toEqual(Array.from(here[1]));
    rebuilt.dispose();

    expect(() => model.atWeights([0, 0])).toThrow(/not all 0/);
    model.dispose();
    expect(liveTensors()).toBe(before);
  }, 60_000);

  it('trains conditioned members as one population, each keeping its network', async () => {
    const out = await trainPopulation(
      [1, 2].map((seed) => ({ ...BASE, training: { ...BASE.training, seed, epochs: 1 } })),
      {},
      wasm,
    );
    expect(out.map((o) => o.model?.conditioned?.conditionDim)).toEqual([2, 2]);
    expect(out.every((o) => o.result.evaluation !== null)).toBe(true);
    out.forEach((o) => o.model?.dispose());
  }, 60_000);
});
