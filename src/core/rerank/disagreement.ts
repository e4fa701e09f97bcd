/**
 * Where offline and online evaluation rank policies differently. Each policy has an offline score
 * (NDCG@K on the test log) and an online one (expected purchases per session in the simulated
 * online test, with a 95% interval). Ranks are 1 = best, ties sharing the better rank. A pair of
 * policies is discordant when offline and online order them oppositely; it is "clear" when the
 * online intervals do not overlap (the simulation cannot explain the flip). Kendall's τ_a over all
 * pairs: (concordant − discordant) / (n(n−1)/2), tied pairs counting as neither.
 */

export interface PolicyScores {
  policy: string;
  offline: number;
  online: number;
  /** 95% interval of the online score. */
  onlineLo: number;
  onlineHi: number;
}

export interface RankedPolicy extends PolicyScores {
  offlineRank: number;
  onlineRank: number;
}

export interface DiscordantPair {
  /** The policy offline evaluation prefers. */
  offlineFavours: string;
  /** The policy the online test prefers. */
  onlineFavours: string;
  /** Offline and online score differences (favoured minus the other, both positive). */
  offlineGap: number;
  onlineGap: number;
  /** Whether the online intervals are disjoint. */
  clear: boolean;
}

export interface Disagreement {
  policies: RankedPolicy[];
  /** Discordant pairs, clear ones first, then by online gap. */
  discordant: DiscordantPair[];
  kendallTau: number;
}

function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

export function compareRankings(scores: PolicyScores[]): Disagreement {
  const usable = scores.filter((s) => Number.isFinite(s.offline) && Number.isFinite(s.online));
  const off = ranks(usable.map((s) => s.offline));
  const on = ranks(usable.map((s) => s.online));
  const policies = usable.map((s, i) => ({ ...s, offlineRank: off[i], onlineRank: on[i] }));
  const discordant: DiscordantPair[] = [];
  let concordant = 0;
  const n = usable.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = usable[i];
      const b = usable[j];
      const d = Math.sign(a.offline - b.offline) * Math.sign(a.online - b.online);
      if (d > 0) concordant++;
      if (d >= 0) continue;
      const [offBest, offOther] = a.offline > b.offline ? [a, b] : [b, a];
      discordant.push({
        offlineFavours: offBest.policy,
        onlineFavours: offOther.policy,
        offlineGap: offBest.offline - offOther.offline,
        onlineGap: offOther.online - offBest.online,
        clear: offOther.onlineLo > offBest.onlineHi,
      });
    }
  }
  discordant.sort((x, y) => Number(y.clear) - Number(x.clear) || y.onlineGap - x.onlineGap);
  const pairs = (n * (n - 1)) / 2;
  return { policies, discordant, kendallTau: pairs ? (concordant - discordant.length) / pairs : Number.NaN };
}
