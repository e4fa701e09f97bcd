/**
 * References judged away from the run (what the page's second worker does while the first trains):
 * the run adopts them only from its own world and for its own ranking, and its results are then
 * exactly those of a run that judged them itself.
 */
import { describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import type { JudgedReferences } from '../eval/ranking';
import { trainPopulation } from './population';
import { ReferenceJudge } from './references';
import { trainExperiment } from './run';

const BASE = { world: { numShoppers: 120, numItems: 50, sessionsPerShopper: 4 }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 15, k: 5 } };
const wasm = { wasmPaths: nodeWasmPaths() };

async function run(config: object, take?: () => Promise<JudgedReferences | null> | JudgedReferences | null) {
  let asked = 0;
  const used: boolean[] = [];
  const references = take ? { take: () => (asked++, take()), used: (a: boolean) => void used.push(a) } : undefined;
  const { result, model } = await trainExperiment(config, { references }, wasm);
  model?.dispose();
  return { result, asked, used };
}

/** `judged` with the popularity policy's novelty set to a value no judging gives. */
function marked(judged: JudgedReferences): JudgedReferences {
  return { ...judged, policies: judged.policies.map((p) => (p.policy === 'popularity' ? { ...p, novelty: 1234 } : p)) };
}
const noveltyOf = (r: Awaited<ReturnType<typeof run>>, policy: string) => r.result.evaluation!.ranking!.policies.find((p) => p.policy === policy)!.novelty;

describe('references judged beside the run', () => {
  it('gives exactly the results of a run that judged them itself, and the run adopts them (a marked copy shows)', async () => {
    const judge = new ReferenceJudge();
    const judged = judge.judge(BASE)!;
    expect(judged.policies.map((p) => p.policy)).toEqual(['popularity', 'random', 'mf', 'item-knn', 'content', 'oracle']);
    const plain = await run(BASE);
    // Handed over as a promise (the page's worker awaits the second worker's answer) or at once.
    const beside = await run(BASE, async () => judged);
    expect(beside.asked).toBe(1);
    expect(beside.used).toEqual([true]);
    expect(beside.result.world.fingerprint).toBe(judged.fingerprint);
    expect(beside.result.evaluation).toEqual(plain.result.evaluation);
    const adopted = await run(BASE, () => marked(judged));
    expect(noveltyOf(adopted, 'popularity')).toBe(1234);
    expect(adopted.used).toEqual([true]);
    expect(noveltyOf(adopted, 'model')).toBe(noveltyOf(plain, 'model'));
  });

  it('are refused from another world or for another ranking (the run judges its own), and not yet arrived is no harm', async () => {
    const plain = await run(BASE);
    const otherWorld = marked(new ReferenceJudge().judge({ ...BASE, world: { ...BASE.world, seed: 9 } })!);
    const otherK = marked(new ReferenceJudge().judge({ ...BASE, evaluation: { ...BASE.evaluation, k: 4 } })!);
    for (const judged of [otherWorld, otherK]) {
      const r = await run(BASE, () => judged);
      expect(r.asked).toBe(1);
      expect(r.used).toEqual([false]);
      expect(r.result.evaluation).toEqual(plain.result.evaluation);
    }
    const early = await run(BASE, () => null);
    expect(early.used).toEqual([false]);
    expect(early.result.evaluation).toEqual(plain.result.evaluation);
    // Another ranked-shopper count on the same world: same fingerprint, other key, refused too.
    const fewer = await run({ ...BASE, evaluation: { ...BASE.evaluation, rankShoppers: 10 } }, () => marked(new ReferenceJudge().judge(BASE)!));
    expect(fewer.used).toEqual([false]);
    expect(noveltyOf(fewer, 'popularity')).not.toBe(1234);
  });

  it('keeps the last world (the next judgement on it is answered from it), lets it go for another, and has none for the MMoE world', () => {
    const judge = new ReferenceJudge();
    const a = judge.judge(BASE)!;
    expect(judge.judge({ ...BASE, model: { architecture: 'ple' } })).toEqual(a);
    expect(judge.worlds.reused).toBe(1);
    const b = judge.judge({ ...BASE, world: { ...BASE.world, seed: 3 } })!;
    expect(b.fingerprint).not.toBe(a.fingerprint);
    expect(judge.worlds.reused).toBe(1);
    expect(judge.judge({ world: { kind: 'mmoe' } })).toBeNull();
    expect(() => judge.judge({ evaluation: { k: -1 } })).toThrow(/k/i);
  });

  it('shares its keeper with training (the second worker’s sweep share): the world judged is not generated again, with a fresh run’s results', async () => {
    const judge = new ReferenceJudge();
    judge.judge(BASE);
    const [kept] = await trainPopulation([{ ...BASE, weighting: { weights: [2, 1] } }], { worlds: judge.worlds }, wasm);
    expect(judge.worlds.reused).toBe(1);
    const [fresh] = await trainPopulation([{ ...BASE, weighting: { weights: [2, 1] } }], {}, wasm);
    expect(kept.model!.world).not.toBe(fresh.model!.world);
    expect(kept.result.evaluation).toEqual(fresh.result.evaluation);
    kept.model?.dispose();
    fresh.model?.dispose();
  });
});
