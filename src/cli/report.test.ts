/** The runner's plain-text report: every reference baseline on the references line, and a sampled run's before/after line. */
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../core/experiment/run';
import { formatResults } from './report';
import { nodeWasmPaths } from './wasmPaths';

describe('formatResults', () => {
  it('lists every baseline and says what negative sampling kept and did to the predictions', async () => {
    const result = await runExperiment(
      { world: { numShoppers: 150, numItems: 50, sessionsPerShopper: 4 }, training: { epochs: 1, batchSize: 256, backend: 'wasm', negativeSampling: 0.3 }, evaluation: { rankShoppers: 20, k: 5 } },
      {},
      { wasmPaths: nodeWasmPaths() },
    );
    const text = formatResults([{ name: 'sampled', result }]);
    for (const policy of ['popularity', 'random', 'mf', 'item-knn', 'content', 'oracle']) expect(text).toContain(`${policy}: NDCG@5`);
    const s = result.evaluation!.sampling!;
    expect(text).toContain(`sampled: negatives sampled at 0.3: trained on ${s.keptRows} of ${s.trainRows} train impressions`);
    expect(text).toMatch(/purchase: mean prediction \d\.\d{4} → \d\.\d{4} \(observed \d\.\d{4}\), ECE \d\.\d{4} → \d\.\d{4}/);
  });
});
