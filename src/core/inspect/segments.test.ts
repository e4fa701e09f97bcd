/**
 * The shopper map and per-segment results of a trained model: every shopper placed, cold shoppers
 * on one point, groups that partition the shoppers, per-group GAUC equal to GAUC on the group's own
 * test impressions, and a clear refusal of K beyond the shoppers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import type { TrainedModel } from '../experiment/trained';
import { trainExperiment } from '../experiment/run';
import { gauc } from '../metrics';
import { PERSONAS, SPLIT } from '../world';
import { segmentReport, shopperEmbeddings, type SegmentReport } from './segments';

describe('segmentReport', () => {
  let model: TrainedModel;
  let report: SegmentReport;
  beforeAll(async () => {
    const out = await trainExperiment(
      { world: { numShoppers: 200, numItems: 60, sessionsPerShopper: 4, coldShopperShare: 0.2 }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 40, k: 5 } },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    model = out.model!;
    report = await segmentReport(model, 3, { listLength: 5, maxShoppers: 40, seed: 2 });
  });
  afterAll(() => model.dispose());

  it('places every shopper, the cold-start ones all on the shared unknown embedding’s point', async () => {
    expect(report.points).toHaveLength(200);
    const cold = report.points.filter((p) => p.cold);
    expect(cold.length).toBeGreaterThan(10);
    for (const p of cold) expect([p.x, p.y]).toEqual([cold[0].x, cold[0].y]);
    // They share one embedding, so one segment.
    expect(new Set(cold.map((p) => p.segment)).size).toBe(1);
    const { rows, dim } = await shopperEmbeddings(model);
    expect(rows.length).toBe(200 * dim);
    expect(report.explained[0]).toBeGreaterThanOrEqual(report.explained[1]);
    expect(report.explained[0] + report.explained[1]).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('groups partition the shoppers; each group’s GAUC is the GAUC of its own test impressions', async () => {
    expect(report.byPersona.map((r) => r.label)).toEqual([...PERSONAS]);
    expect(report.byPersona.reduce((a, r) => a + r.shoppers, 0)).toBe(200);
    expect(report.bySegment).toHaveLength(3);
    expect(report.bySegment.reduce((a, r) => a + r.shoppers, 0)).toBe(200);
    expect(report.bySegment.reduce((a, r) => a + r.ranked, 0)).toBe(40);
    expect(report.bySegment.reduce((a, r) => a + r.cold, 0)).toBe(report.points.filter((p) => p.cold).length);
    // Warm against cold start: every cold shopper in the second row and only there.
    const coldCount = report.points.filter((p) => p.cold).length;
    expect(report.byHistory.map((r) => [r.shoppers, r.cold])).toEqual([[200 - coldCount, 0], [coldCount, coldCount]]);
    expect(report.byHistory[0].ranked + report.byHistory[1].ranked).toBe(40);
    // Segment 1's GAUC, by hand from the model's predictions on its shoppers' test impressions.
    const world = model.world!;
    const members = new Set(report.points.filter((p) => p.segment === 0).map((p) => p.shopper));
    const rows: number[] = [];
    for (let r = 0; r < world.log.size; r++) if (world.log.split[r] === SPLIT.test && members.has(world.log.shopper[r])) rows.push(r);
    const shopper = Int32Array.from(rows, (r) => world.log.shopper[r]);
    const { encodePairs } = await import('../features');
    const inputs = encodePairs(world, model.encoder!, shopper, Int32Array.from(rows, (r) => world.log.item[r]));
    inputs.position = Int32Array.from(rows, (r) => world.log.position[r]);
    const preds = await model.predictEncoded({ size: rows.length, ...inputs, split: new Uint8Array(rows.length), group: shopper });
    const want = gauc(shopper, rows.map((r) => world.log.purchase[r]), preds[1]);
    expect(want.groupsUsed).toBeGreaterThan(0);
    expect(report.bySegment[0].gauc).toBeCloseTo(want.value, 10);
    for (const r of report.bySegment) if (r.ranked > 0) expect(r.truePurchase).toBeGreaterThan(0);
  });

  it('refuses K beyond the shoppers, naming the limit', async () => {
    await expect(segmentReport(model, 201, { listLength: 5, maxShoppers: 10, seed: 1 })).rejects.toThrow(/K must be an integer from 1 to the 200 shoppers, got 201/);
    await expect(segmentReport(model, 0, { listLength: 5, maxShoppers: 10, seed: 1 })).rejects.toThrow(/got 0/);
  });
});
