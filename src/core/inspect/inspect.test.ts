/** The inspector's data on a tiny trained model: top K with predictions and truth, search, picks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { liveTensors, trainExperiment } from '../experiment/run';
import type { TrainedModel } from '../experiment/trained';
import { ResponseModel } from '../world';
import { readSection } from '../config/fields';
import { expectedOutcome } from '../online/simulate';
import { RANKING_FIELDS } from '../rerank/config';
import { recommendFor } from './recommend';
import { rerankFor } from './rerankFor';
import { pickShopper, searchShoppers } from './shoppers';

let model: TrainedModel;
let tensorsBefore = 0;

beforeAll(async () => {
  tensorsBefore = liveTensors();
  const { result, model: m } = await trainExperiment(
    {
      world: { numShoppers: 80, numItems: 50, sessionsPerShopper: 4, coldShopperShare: 0.1 },
      model: { architecture: 'shared-bottom', expertUnits: 8, towerUnits: 4 },
      training: { epochs: 1, batchSize: 256, patience: 0, backend: 'wasm' },
      evaluation: { rankShoppers: 10, k: 5 },
    },
    {},
    { wasmPaths: nodeWasmPaths() },
  );
  expect(result.training.status).toBe('completed');
  model = m!;
});

afterAll(() => {
  model?.dispose();
  expect(liveTensors()).toBe(tensorsBefore);
});

describe('recommendFor', () => {
  it('returns the top K by predicted purchase probability, with predictions, truth and list metrics', async () => {
    const rec = await recommendFor(model, 3, 6);
    expect(rec.k).toBe(6);
    expect(rec.items).toHaveLength(6);
    expect(rec.tasks).toEqual(['click', 'purchase']);
    const scores = rec.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(rec.items.map((i) => i.item)).size).toBe(6);
    const truth = new ResponseModel(model.world!);
    rec.items.forEach((it) => {
      expect(it.predicted[1]).toBe(it.score);
      expect(it.predicted.every((p) => p > 0 && p < 1)).toBe(true);
      const pc = truth.clickProb(3, it.item, it.position);
      expect(it.truth[0]).toBeCloseTo(pc, 12);
      expect(it.truth[1]).toBeCloseTo(pc * truth.purchaseGivenClickProb(3, it.item), 12);
    });
    expect(rec.metrics.diversity).toBeGreaterThan(0);
    expect(rec.metrics.novelty).toBeGreaterThan(0);
    expect(rec.shopper.id).toBe(3);
    expect(rec.knownToModel).toBe(true);
  });

  it('caps K at the catalogue and explains bad shoppers and K', async () => {
    expect((await recommendFor(model, 0, 500)).k).toBe(50);
    await expect(recommendFor(model, 80, 5)).rejects.toThrow(/shoppers 0 to 79/);
    await expect(recommendFor(model, 1, 0)).rejects.toThrow(/positive integer/);
  });

  it('serves cold-start shoppers through the unknown row, with no training history', async () => {
    const cold = pickShopper(model.world!, 'cold', 1);
    expect(cold.cold).toBe(true);
    const rec = await recommendFor(model, cold.id, 5);
    expect(rec.knownToModel).toBe(false);
    expect(rec.history).toHaveLength(0);
    expect(Number.isNaN(rec.metrics.calibrationKl)).toBe(true);
  });
});

describe('finding shoppers', () => {
  it('searches names case-insensitively and by id', () => {
    const name = model.world!.shoppers.names[7];
    const hits = searchShoppers(model.world!, name.slice(0, 3).toUpperCase());
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.name.toLowerCase().includes(name.slice(0, 3).toLowerCase()))).toBe(true);
    expect(searchShoppers(model.world!, '7')[0].id).toBe(7);
    expect(searchShoppers(model.world!, 'zzzz-nobody')).toEqual([]);
  });

  it('picks reproducibly, and says when there is no cold shopper', () => {
    expect(pickShopper(model.world!, 'random', 5)).toEqual(pickShopper(model.world!, 'random', 5));
    const warmWorld = { ...model.world!, shoppers: { ...model.world!.shoppers, cold: new Uint8Array(80) } };
    expect(() => pickShopper(warmWorld, 'cold', 1)).toThrow(/no cold-start shoppers/);
  });
});

describe('rerankFor', () => {
  const ranking = readSection(RANKING_FIELDS, {}, 'ranking').value;

  it('with the default fusion, the original list is recommendFor\'s top K; at MMR λ = 1 nothing moves', async () => {
    const rec = await recommendFor(model, 3, 6);
    const same = await rerankFor(model, 3, { ...ranking, mmrLambda: 1 }, 6);
    expect(same.original.items.map((i) => i.item)).toEqual(rec.items.map((i) => i.item));
    expect(same.reranked.items.map((i) => i.item)).toEqual(rec.items.map((i) => i.item));
    expect(same.moves.every((m) => m.kind === 'same')).toBe(true);
    expect(same.original.online).toEqual(expectedOutcome(model.world!, 3, rec.items.map((i) => i.item)));
  });

  it('at λ = 0 explains every move, accounts for each original item, and gains diversity', async () => {
    const r = await rerankFor(model, 3, { ...ranking, mmrLambda: 0 }, 6);
    expect(r.reranked.items).toHaveLength(6);
    expect(r.reranked.diversity).toBeGreaterThan(r.original.diversity);
    const moved = r.moves.filter((m) => m.kind !== 'same');
    expect(moved.length).toBeGreaterThan(0);
    expect(r.moves.every((m) => m.reason.length > 10)).toBe(true);
    // Every original top-K item is either listed again or reported as left out.
    const accounted = new Set(r.moves.map((m) => m.item));
    for (const it of r.original.items) expect(accounted.has(it.item)).toBe(true);
    expect(r.moves.filter((m) => m.kind === 'dropped').length).toBe(r.moves.filter((m) => m.kind === 'new').length);
  });

  it('names bad input', async () => {
    await expect(rerankFor(model, 3, { ...ranking, method: 'dpp', dppTheta: 1 }, 6)).rejects.toThrow('DPP θ must lie in [0, 1), got 1.');
    await expect(rerankFor(model, 3, ranking, 51)).rejects.toThrow('K (51) is larger than the catalogue (50 items)');
    await expect(rerankFor(model, 999, ranking, 5)).rejects.toThrow(/does not exist/);
  });
});
