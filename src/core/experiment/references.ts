/**
 * A run's reference policies judged away from the run (the page's second worker, while the first
 * trains on one core): the evaluation after training then adopts them instead of judging them
 * itself (`RunHooks.references`), which takes their fitting and judging (ALS, item-kNN, content,
 * the oracle: about 0.6 s of a default first evaluation here) off the time from Play to results.
 */
import { judgeReferences, type JudgedReferences } from '../eval/ranking';
import { generateShopperWorld, hashWorld, type ShopperWorld } from '../world';
import { parseExperimentConfig } from './config';
import { rankingOptions } from './run';

/**
 * Judges configs' references on their worlds, keeping the last world (and so its judged
 * references: the next run on the same world is answered at once).
 */
export class ReferenceJudge {
  private last: { key: string; world: ShopperWorld; fingerprint: string } | null = null;
  /** Judgements answered from the kept world. */
  reused = 0;

  /** The references of `input`'s evaluation (a config, validated here); null for the MMoE world, which ranks nothing. */
  judge(input: unknown): JudgedReferences | null {
    const config = parseExperimentConfig(input);
    const { kind, ...settings } = config.world;
    if (kind !== 'shopper') return null;
    // The world depends on its settings alone (the run's auxiliary task adds a label, not a world).
    const key = JSON.stringify(config.world);
    if (this.last?.key === key) this.reused++;
    else {
      this.last = null; // one world at most: the previous one is let go first
      const world = generateShopperWorld(settings);
      this.last = { key, world, fingerprint: hashWorld(world) };
    }
    return judgeReferences(this.last.world, this.last.fingerprint, rankingOptions(config));
  }
}
