/**
 * The settings panel's and the re-ranking panel's change handlers, stable across renders: they read
 * the latest config through a ref, so the memoised panels do not redraw with every progress tick.
 */
import { useCallback, useEffect, type RefObject } from 'react';
import { fitTaskLists, withWorldKind, type ExperimentConfig } from '../../core/experiment/config';
import type { RankingConfig } from '../../core/rerank/config';

/** What the handlers read at the time of a change. */
export interface SettingsState {
  config: ExperimentConfig;
  /** A run is training or paused. */
  active: boolean;
  /** The config of the run on screen. */
  runConfig: ExperimentConfig;
  /** Validates and applies a config (false when refused); see useUrlConfig. */
  apply: (next: unknown, entry?: 'push' | 'replace' | { field: string }) => boolean;
  /** Moves the running trainer's fixed weights. */
  setWeights: (weights: number[]) => void;
  /** Moves a finished conditioned run to other weights without retraining (false: the run on screen is not one). */
  reweigh: (weights: number[]) => boolean;
}

/** Whether the finished run of `runConfig` follows the sliders to `w`: a conditioned run, with a weight per task it has. */
function movesTo(runConfig: ExperimentConfig, w: readonly number[]): boolean {
  return runConfig.weighting.strategy === 'conditioned' && w.length === runConfig.weighting.weights.length;
}

export function useSettingsHandlers(latest: RefObject<SettingsState>) {
  const onFieldChange = useCallback((section: keyof ExperimentConfig, name: string, value: unknown) => {
    const { config: c, apply } = latest.current;
    const next = { ...c, [section]: { ...c[section], [name]: value } };
    // The funnel adds or removes the cart task: the per-task lists follow, keeping the weights set.
    apply(section === 'world' && name === 'funnel' ? fitTaskLists(next) : next, { field: `${section}.${name}` });
  }, [latest]);
  const onWorldKind = useCallback((kind: 'shopper' | 'mmoe') => {
    const { config: c, apply } = latest.current;
    apply(withWorldKind(c, kind), { field: 'world.kind' });
  }, [latest]);
  const onLiveWeights = useCallback((w: number[]) => {
    const { config: c, apply, active, runConfig, setWeights, reweigh } = latest.current;
    if (!apply({ ...c, weighting: { ...c.weighting, weights: w } }, { field: 'weighting.weights' })) return;
    if (active && runConfig.weighting.strategy === 'fixed') setWeights(w);
    else if (!active && movesTo(runConfig, w)) reweigh(w);
  }, [latest]);
  const onRankingMany = useCallback((values: Partial<RankingConfig>) => {
    const { config: c, apply } = latest.current;
    return apply({ ...c, ranking: { ...c.ranking, ...values } }, { field: `ranking.${Object.keys(values).sort().join(',')}` });
  }, [latest]);
  const onRanking = useCallback((name: keyof RankingConfig, value: unknown) => onRankingMany({ [name]: value }), [onRankingMany]);
  return { onFieldChange, onWorldKind, onLiveWeights, onRankingMany, onRanking };
}

/**
 * A conditioned run that finishes while the sliders stand elsewhere (moved during training, which
 * validates at the run's own weights) is moved to them at once, so results and sliders agree.
 */
export function useConditionedFollow(latest: RefObject<SettingsState>, finished: boolean): void {
  useEffect(() => {
    if (!finished) return;
    const { config: c, runConfig, reweigh } = latest.current;
    const w = c.weighting.weights;
    if (movesTo(runConfig, w) && w.some((v, i) => v !== runConfig.weighting.weights[i])) reweigh(w);
  }, [finished, latest]);
}
