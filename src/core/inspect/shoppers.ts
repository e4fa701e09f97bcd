/** Finding a shopper to inspect: by name, at random, or a cold-start one. */
import { Rng } from '../random';
import { PERSONAS, type Persona, type ShopperWorld } from '../world';

export interface ShopperHit {
  id: number;
  name: string;
  persona: Persona;
  cold: boolean;
}

function hit(world: ShopperWorld, u: number): ShopperHit {
  const s = world.shoppers;
  return { id: u, name: s.names[u], persona: PERSONAS[s.persona[u]], cold: s.cold[u] === 1 };
}

/**
 * Shoppers whose name contains `query` (case-insensitive) or whose id equals it, lowest ids first,
 * at most `limit`. An empty query lists the first shoppers.
 */
export function searchShoppers(world: ShopperWorld, query: string, limit = 10): ShopperHit[] {
  const q = query.trim().toLowerCase();
  const out: ShopperHit[] = [];
  const S = world.shoppers.numShoppers;
  if (/^\d+$/.test(q) && Number(q) < S) out.push(hit(world, Number(q)));
  for (let u = 0; u < S && out.length < limit; u++) {
    if (out.length && out[0].id === u) continue;
    if (world.shoppers.names[u].toLowerCase().includes(q)) out.push(hit(world, u));
  }
  return out;
}

/**
 * A shopper drawn with `seed`: any shopper, or only cold-start ones (`cold`). Throws when the
 * world has no cold-start shoppers.
 */
export function pickShopper(world: ShopperWorld, kind: 'random' | 'cold', seed: number): ShopperHit {
  const s = world.shoppers;
  const pool: number[] = [];
  for (let u = 0; u < s.numShoppers; u++) if (kind === 'random' || s.cold[u]) pool.push(u);
  if (pool.length === 0) throw new Error('This world has no cold-start shoppers: raise world.coldShopperShare above 0.');
  return hit(world, pool[Rng.stream(seed, 'pick-shopper').int(pool.length)]);
}
