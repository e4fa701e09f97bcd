/**
 * A run's reference policies judged away from the run (the page's second worker, while the first
 * trains on one core): the evaluation after training then adopts them instead of judging them
 * itself (`RunHooks.references`), which takes their fitting and judging (ALS, item-kNN, content,
 * the oracle: about 0.6 s of a default first evaluation here) off the time from Play to results.
 */
import { judgeReferences, type JudgedReferences } from '../eval/ranking';
import { hashWorld, type ShopperWorld } from '../world';
import { parseExperimentConfig } from './config';
import { rankingOptions, WorldKeeper } from './run';

/** Fingerprints already taken (`hashWorld` reads every array of the world). */
const fingerprints = new WeakMap<ShopperWorld, string>();

/**
 * Judges configs' references on their worlds, taken from a `WorldKeeper` (the second worker's own,
 * which its share of a sweep trains from too: a world judged here is not generated again there,
 * and its references are not judged again).
 */
export class ReferenceJudge {
  constructor(readonly worlds: WorldKeeper = new WorldKeeper()) {}

  /** The references of `input`'s evaluation (a config, validated here); null for the MMoE world, which ranks nothing. */
  judge(input: unknown): JudgedReferences | null {
    const config = parseExperimentConfig(input);
    if (config.world.kind !== 'shopper') return null;
    const world = this.worlds.prepare(config).shopperWorld!;
    let fingerprint = fingerprints.get(world);
    if (fingerprint === undefined) fingerprints.set(world, (fingerprint = hashWorld(world)));
    return judgeReferences(world, fingerprint, rankingOptions(config));
  }
}
