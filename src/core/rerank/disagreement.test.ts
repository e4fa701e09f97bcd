import { describe, expect, it } from 'vitest';
import { compareRankings } from './disagreement';

const p = (policy: string, offline: number, online: number, half = 0.01) => ({ policy, offline, online, onlineLo: online - half, onlineHi: online + half });

describe('compareRankings', () => {
  it('agrees when both orders match (τ = 1, no discordant pair)', () => {
    const r = compareRankings([p('a', 0.3, 3), p('b', 0.2, 2), p('c', 0.1, 1)]);
    expect(r.kendallTau).toBe(1);
    expect(r.discordant).toEqual([]);
    expect(r.policies.map((q) => [q.offlineRank, q.onlineRank])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('finds the flipped pair, says which side each favours and whether the flip is clear', () => {
    // Offline: a > b > c. Online: b > a > c, with a and b's intervals apart; then c ≈ a.
    const r = compareRankings([p('a', 0.3, 2), p('b', 0.2, 3), p('c', 0.1, 1)]);
    expect(r.discordant).toHaveLength(1);
    expect(r.discordant[0]).toMatchObject({ offlineFavours: 'a', onlineFavours: 'b', clear: true });
    expect(r.discordant[0].offlineGap).toBeCloseTo(0.1);
    expect(r.discordant[0].onlineGap).toBeCloseTo(1);
    expect(r.kendallTau).toBeCloseTo((2 - 1) / 3);
    const noisy = compareRankings([p('a', 0.3, 2, 1), p('b', 0.2, 2.5, 1)]);
    expect(noisy.discordant[0].clear).toBe(false);
  });

  it('shares ranks on ties and leaves out policies without scores', () => {
    const r = compareRankings([p('a', 0.3, 1), p('b', 0.3, 2), p('x', Number.NaN, 1)]);
    expect(r.policies.map((q) => q.offlineRank)).toEqual([1, 1]);
    expect(r.discordant).toEqual([]);
    expect(r.kendallTau).toBe(0);
  });
});
