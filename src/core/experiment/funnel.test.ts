/**
 * Three tasks from the three-step funnel through the experiment: the config's per-task lists, the
 * encoded cart labels, and a run (ESM²) that trains, evaluates and places the cart head against the
 * world's truth.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { configIssue as issue } from './configIssue';
import { parseExperimentConfig, taskCount, taskNames } from './config';
import { liveTensors, prepareData, runExperiment } from './run';

const WORLD = { kind: 'shopper', numShoppers: 200, numItems: 60, sessionsPerShopper: 5, funnel: 'click-cart-purchase' };

describe('a three-task config', () => {
  it('names the heads click, purchase, cart (and interest after them), and fills left-out per-task lists with ones', () => {
    expect(taskNames({ kind: 'shopper', funnel: 'click-cart-purchase' })).toEqual(['click', 'purchase', 'cart']);
    expect(taskNames({ kind: 'shopper', funnel: 'click-cart-purchase' }, 'interest')).toEqual(['click', 'purchase', 'cart', 'interest']);
    expect(taskNames({ kind: 'shopper' })).toEqual(['click', 'purchase']);
    const c = parseExperimentConfig({ world: WORLD });
    expect(taskCount(c)).toBe(3);
    expect(c.weighting.weights).toEqual([1, 1, 1]);
    expect(c.training.positiveWeights).toEqual([1, 1, 1]);
    expect(parseExperimentConfig({ world: WORLD, weighting: { weights: [1, 4, 2] } }).weighting.weights).toEqual([1, 4, 2]);
    // The two-task default is what it always was.
    expect(parseExperimentConfig({}).weighting.weights).toEqual([1, 1]);
  });

  it('refuses a list of the wrong length naming the tasks, and a third weight on a two-step world naming the funnel', () => {
    expect(issue({ world: WORLD, weighting: { weights: [1, 1] } }, 'weighting.weights')).toMatch(/one weight per task \(3: click, purchase, cart\), got 2/);
    expect(issue({ world: WORLD, training: { positiveWeights: [1, 1, 1, 1] } }, 'training.positiveWeights')).toMatch(/\(3: click, purchase, cart\), got 4/);
    expect(issue({ weighting: { weights: [1, 1, 1] } }, 'weighting.weights')).toMatch(/world\.funnel "click-cart-purchase"/);
    expect(issue({ world: { kind: 'mmoe', funnel: 'click-cart-purchase' } }, 'world.funnel')).toMatch(/is not a known field/);
  });

  it('encodes the cart label of every impression as the log holds it', () => {
    const { data, shopperWorld } = prepareData(parseExperimentConfig({ world: WORLD }));
    expect(data.tasks.map((t) => t.name)).toEqual(['click', 'purchase', 'cart']);
    const cart = shopperWorld!.log.cart!;
    let ones = 0;
    for (let r = 0; r < data.size; r++) {
      if (data.labels[2][r] !== cart[r]) throw new Error(`row ${r}: label ${data.labels[2][r]}, log ${cart[r]}`);
      ones += cart[r];
    }
    expect(ones).toBeGreaterThan(0);
  });

  it('trains ESM² on three heads, evaluates each against its truth, and leaks no tensor', async () => {
    const start = liveTensors();
    const result = await runExperiment(
      { world: WORLD, model: { architecture: 'esmm' }, weighting: { strategy: 'mgda' }, training: { epochs: 2, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 10, k: 5 } },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    expect(result.training.status).toBe('completed');
    const e = result.evaluation!;
    expect(e.tasks.map((t) => t.task)).toEqual(['click', 'purchase', 'cart']);
    expect(result.training.finalWeights).toHaveLength(3);
    const [click, purchase, cart] = e.tasks;
    // The path can only narrow, so the predicted rates do too; every head learned something.
    expect(e.truth.map((t) => t.task)).toEqual(['click', 'purchase', 'cart']);
    for (const t of e.truth) expect(t.auc!).toBeGreaterThan(0.6);
    for (const t of [click, purchase, cart]) expect(t.auc!).toBeGreaterThan(0.5);
    expect(cart.positiveRate!).toBeGreaterThan(purchase.positiveRate!);
    expect(cart.positiveRate!).toBeLessThan(click.positiveRate!);
    expect(e.conversion).not.toBeNull();
    expect(liveTensors()).toBe(start);
  });

  it('trains every weighting strategy and every architecture on three tasks', async () => {
    const tiny = { world: { ...WORLD, numShoppers: 80, numItems: 40, sessionsPerShopper: 3 }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 5, k: 5 } };
    const cases: Array<Record<string, unknown>> = [
      ...['fixed', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda', 'rlw'].map((strategy) => ({ ...tiny, model: { architecture: 'mmoe' }, weighting: { strategy } })),
      ...['single-task', 'shared-bottom', 'omoe', 'ple', 'esmm'].map((architecture) => ({ ...tiny, model: { architecture } })),
      { ...tiny, model: { architecture: 'shared-bottom', purchaseTarget: 'cvr' } },
      { ...tiny, model: { architecture: 'mmoe', auxiliaryTask: 'interest' }, weighting: { strategy: 'mgda' } },
    ];
    for (const c of cases) {
      const result = await runExperiment(c, {}, { wasmPaths: nodeWasmPaths() });
      const what = JSON.stringify({ model: c.model, weighting: c.weighting });
      expect(result.training.status, what).toBe('completed');
      const names = result.evaluation!.tasks.map((t) => t.task);
      expect(names.slice(0, 3), what).toEqual(['click', 'purchase', 'cart']);
      for (const t of result.evaluation!.tasks) expect(Number.isFinite(t.auc), `${what} ${t.task}`).toBe(true);
      expect(result.training.finalWeights, what).toHaveLength(names.length);
    }
  }, 120_000);
});

describe('moving a config to the other world', () => {
  it('gives a valid config: the cart, ESMM and the shopper-only options go; weights set are kept per task', async () => {
    const { withWorldKind, fitTaskLists } = await import('./config');
    const shopper = parseExperimentConfig({ world: WORLD, model: { architecture: 'esmm', auxiliaryTask: 'interest' }, weighting: { weights: [2, 3, 4, 5] }, training: { negativeSampling: 0.5, positiveWeights: [1, 2, 3, 4], focalGamma: 1 } });
    const mmoe = parseExperimentConfig(withWorldKind(shopper, 'mmoe'));
    expect(mmoe.world.kind).toBe('mmoe');
    expect(mmoe.model.architecture).toBe('mmoe');
    expect(mmoe.model.auxiliaryTask).toBe('none');
    expect(mmoe.weighting.weights).toEqual([2, 3]);
    expect([mmoe.training.negativeSampling, mmoe.training.positiveWeights, mmoe.training.focalGamma]).toEqual([1, [1, 1], 0]);
    // Back to the shopper world (two steps by default): two weights, as set.
    const back = parseExperimentConfig(withWorldKind(mmoe, 'shopper'));
    expect(back.weighting.weights).toEqual([2, 3]);
    // Switching the funnel on grows every per-task list by a 1, off shrinks it.
    const three = parseExperimentConfig(fitTaskLists({ ...back, world: { ...back.world, funnel: 'click-cart-purchase' } }));
    expect(three.weighting.weights).toEqual([2, 3, 1]);
    expect(three.training.positiveWeights).toEqual([1, 1, 1]);
    expect(parseExperimentConfig(fitTaskLists({ ...three, world: { ...three.world, funnel: 'click-purchase' } })).weighting.weights).toEqual([2, 3]);
  });
});
