/**
 * Scoring with input rows built on the host gives the same predictions as the device path
 * (embedding gather and concat on the device), for every architecture, per-task tables
 * (single-task), a position-aware model, funnel read-outs and a world without categorical inputs;
 * and whole-catalogue scoring in parts gives what scoring every pair whole gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../engine/tf';
import { encodeCatalogBlock, encodePairs, fitShopperEncoder, type EncodedData } from '../features';
import { ARCHITECTURES } from '../model/config';
import { MultiTaskNet } from '../model/network';
import { Rng } from '../random';
import { DeviceSplit } from './deviceData';
import { generateShopperWorld } from '../world';
import { HostEmbedder, predictCatalogTask, predictPairsOnHost, predictTaskOnHost } from './hostPredict';
import type { PurchaseMode } from './losses';
import { PREDICT_BATCH, predictSplit } from './predict';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random encoded pairs: two categorical inputs (vocab 5 and 7), 3 dense columns, positions 1–3. */
function pairs(n: number, categorical = true): EncodedData {
  const rng = Rng.stream(7, 'host-predict');
  return {
    size: n,
    categorical: categorical
      ? [
          { name: 'a', vocab: 5, values: Int32Array.from({ length: n }, () => rng.int(5)) },
          { name: 'b', vocab: 7, values: Int32Array.from({ length: n }, () => rng.int(7)) },
        ]
      : [],
    dense: Float32Array.from({ length: n * 3 }, () => rng.float() * 2 - 1),
    denseDim: 3,
    tasks: [
      { name: 'click', kind: 'binary' },
      { name: 'purchase', kind: 'binary' },
    ],
    labels: [new Float32Array(n), new Float32Array(n)],
    split: new Uint8Array(n),
    group: new Int32Array(n),
    position: Int32Array.from({ length: n }, () => 1 + rng.int(3)),
  };
}

async function both(net: MultiTaskNet, data: EncodedData, mode: PurchaseMode): Promise<[Float32Array[], Float32Array[]]> {
  const split = new DeviceSplit(data, Int32Array.from({ length: data.size }, (_, i) => i));
  const device = (await predictSplit(net, split, data.tasks, mode)).preds;
  split.dispose();
  return [device, await predictPairsOnHost(net, data, data.tasks, mode)];
}

describe('predictPairsOnHost', () => {
  for (const architecture of ARCHITECTURES) {
    it(`${architecture}: the same predictions as the device path, no leaked tensors`, async () => {
      const before = tf.memory().numTensors;
      const spec = { architecture, numTasks: 2, categoricalVocab: [5, 7], denseDim: 3, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 5, pleLevels: 2, pleExperts: 2, numPositions: architecture === 'mmoe' ? 4 : 0 };
      const net = new MultiTaskNet(spec, 3);
      // More than one batch, so batch boundaries are crossed.
      const data = pairs(PREDICT_BATCH + 37);
      const mode: PurchaseMode = architecture === 'esmm' ? 'esmm' : architecture === 'shared-bottom' ? 'cvr' : 'ctcvr';
      const [device, host] = await both(net, data, mode);
      for (let t = 0; t < 2; t++) {
        expect(host[t].length).toBe(data.size);
        let worst = 0;
        for (let i = 0; i < data.size; i++) worst = Math.max(worst, Math.abs(host[t][i] - device[t][i]));
        expect(worst, `task ${t}`).toBeLessThan(1e-6);
      }
      net.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  for (const architecture of ARCHITECTURES) {
    for (const mode of ['ctcvr', 'cvr'] as const) {
      it(`${architecture}, ${mode}: one task's head alone gives that task's predictions of both heads`, async () => {
        const before = tf.memory().numTensors;
        const net = new MultiTaskNet({ architecture, numTasks: 2, categoricalVocab: [5, 7], denseDim: 3, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 5, pleLevels: 1, pleExperts: 2, numPositions: architecture === 'omoe' ? 4 : 0 }, 5);
        const data = pairs(300);
        const both = await predictPairsOnHost(net, data, data.tasks, mode);
        for (const t of [0, 1]) {
          const one = await predictTaskOnHost(net, data, data.tasks, mode, t);
          expect(Array.from(one), `task ${t}`).toEqual(Array.from(both[t]).map((v) => expect.closeTo(v, 6)));
        }
        const rows = (await HostEmbedder.of(net)).rows(data, 0, 2).map((x) => tf.tensor2d(x, [2, net.inputDim]));
        expect(() => net.taskLogits(rows, null, 2)).toThrow(/task 2 is not one of the model's 2 tasks/);
        tf.dispose(rows);
        net.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  it('works without categorical inputs (dense rows only) and checks the input width', async () => {
    const net = new MultiTaskNet({ architecture: 'mmoe', numTasks: 2, categoricalVocab: [], denseDim: 3, embeddingDim: 4, numExperts: 2, expertUnits: 4, towerUnits: 3, pleLevels: 1, pleExperts: 1, numPositions: 0 }, 1);
    const data = pairs(50, false);
    const [device, host] = await both(net, data, 'ctcvr');
    expect(Array.from(host[1])).toEqual(Array.from(device[1]).map((v) => expect.closeTo(v, 6)));
    const embedder = await HostEmbedder.of(net);
    expect(() => embedder.rows({ ...data, denseDim: 2 }, 0, 1)).toThrow(/pairs give 2 input columns, the network reads 3/);
    net.dispose();
  });
});

describe('predictCatalogTask', () => {
  // 3,000 items: 2 shoppers per batch of PREDICT_BATCH pairs, so 5 shoppers cross batch boundaries.
  const world = generateShopperWorld({ numShoppers: 60, numItems: 3000, sessionsPerShopper: 3, coldShopperShare: 0.2, seed: 4 });
  const encoder = fitShopperEncoder(world);
  const shoppers = [1, 2, 30, 41, 59];
  const I = world.catalog.numItems;
  const shopper = Int32Array.from({ length: shoppers.length * I }, (_, r) => shoppers[Math.floor(r / I)]);
  const item = Int32Array.from({ length: shoppers.length * I }, (_, r) => r % I);
  const inputs = encodePairs(world, encoder, shopper, item);
  const pairs = { size: shopper.length, ...inputs };
  const tasks = [
    { name: 'click', kind: 'binary' },
    { name: 'purchase', kind: 'binary' },
  ] as const;
  const spec = (architecture: (typeof ARCHITECTURES)[number], numPositions: number) => ({
    architecture,
    numTasks: 2,
    categoricalVocab: inputs.categorical.map((c) => c.vocab),
    denseDim: inputs.denseDim,
    embeddingDim: 4,
    numExperts: 3,
    expertUnits: 6,
    towerUnits: 5,
    pleLevels: 1,
    pleExperts: 2,
    numPositions,
  });

  for (const [architecture, numPositions] of [['mmoe', 4], ['omoe', 0], ['shared-bottom', 3]] as const) {
    it(`${architecture}: the same scores as every pair scored whole, for both tasks, no leaked tensors`, async () => {
      const net = new MultiTaskNet(spec(architecture, numPositions), 9);
      const before = tf.memory().numTensors;
      const block = encodeCatalogBlock(world, encoder, shoppers);
      for (const task of [0, 1]) {
        const whole = await predictTaskOnHost(net, pairs, tasks, 'ctcvr', task);
        const parted = await predictCatalogTask(net, block, tasks, 'ctcvr', task);
        expect(parted).not.toBeNull();
        let worst = 0;
        for (let r = 0; r < whole.length; r++) worst = Math.max(worst, Math.abs(parted![r] - whole[r]));
        expect(worst, `task ${task}`).toBeLessThan(1e-5);
      }
      expect(tf.memory().numTensors).toBe(before);
      net.dispose();
    });
  }

  it('declines (null) where the model has no first layer to split or the task needs two heads', async () => {
    const block = encodeCatalogBlock(world, encoder, shoppers.slice(0, 1));
    for (const architecture of ['ple', 'esmm', 'single-task'] as const) {
      const net = new MultiTaskNet(spec(architecture, 0), 2);
      expect(await predictCatalogTask(net, block, tasks, 'ctcvr', 1), architecture).toBeNull();
      net.dispose();
    }
    const net = new MultiTaskNet(spec('mmoe', 0), 2);
    expect(await predictCatalogTask(net, block, tasks, 'cvr', 1)).toBeNull();
    expect(await predictCatalogTask(net, block, tasks, 'cvr', 0)).not.toBeNull();
    net.dispose();
  });
});
