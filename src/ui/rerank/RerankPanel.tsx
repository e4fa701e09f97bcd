/**
 * Ranking and re-ranking for a trained model: the score-fusion formula, the re-ranker and its
 * operating point, and the trade-off curves — offline NDCG@K and online expected purchases against
 * a beyond-accuracy measure, with the reference baselines (core/baselines) — computed in the worker. The
 * settings live in the config's `ranking` section (so in the URL); a click on a curve point moves
 * the operating point, which the inspector's before/after lists follow.
 */
import { memo, useState } from 'react';
import type { ExperimentConfig } from '../../core/experiment/config';
import { formatLeft } from '../../core/experiment/eta';
import { KNOBS, operatingKnob, RANKING_FIELDS, type RankingConfig } from '../../core/rerank/config';
import { FUSION_PRESETS } from '../../core/rerank/fusion';
import { operatingSummary } from '../../core/rerank/summary';
import { pct } from '../../core/teach/runs';
import { FieldInput } from '../controls/FieldInput';
import { fmtNum } from '../format';
import type { ModelOption } from '../inspector/Inspector';
import { BEYOND_AXES, type BeyondAxis } from './axes';
import { PolicyTable } from './PolicyTable';
import { TradeoffChart } from './TradeoffChart';
import { tradeoffKey, type useTradeoff } from './useTradeoff';

const METHOD_NAMES: Record<RankingConfig['method'], [string, string]> = {
  mmr: ['MMR', 'Maximal marginal relevance: each pick trades relevance against similarity to the items already listed.'],
  dpp: ['DPP', 'Determinantal point process (greedy MAP): picks the set whose relevance-weighted similarity matrix has the largest volume.'],
  calibrated: ['Calibrated', 'Calibrated re-ranking: keeps the list’s category mix close to the shopper’s history.'],
  cap: ['Category cap', 'At most a fixed number of items per category, in relevance order.'],
};

function RerankPanelImpl(props: {
  models: ModelOption[];
  config: ExperimentConfig;
  /** Applies one ranking field; false when the combination was rejected (the reason is in `problem`). */
  onChange: (name: keyof RankingConfig, value: unknown) => boolean;
  /** Applies several ranking fields at once (a fusion preset). */
  onChangeMany: (values: Partial<RankingConfig>) => boolean;
  problem: string | null;
  /** The trade-off computation (owned by the page, so lessons and exercises can read it). */
  tradeoff: ReturnType<typeof useTradeoff>;
  /** Why the ranking settings cannot change now (a sweep is training); null when they can. */
  locked?: string | null;
}) {
  const { models, config } = props;
  const ranking = config.ranking;
  const k = config.evaluation.k;
  const [chosenModel, setChosenModel] = useState('');
  const [axis, setAxis] = useState<BeyondAxis>('diversity');
  const { tradeoff } = props;
  const modelId = models.some((m) => m.id === chosenModel) ? chosenModel : (models[0]?.id ?? '');
  const { state } = tradeoff;
  const running = state.phase === 'running';
  const result = state.result;
  const stale = result !== null && state.key !== null && modelId !== '' && state.key !== tradeoffKey(modelId, ranking, k);
  const knob = operatingKnob(ranking);
  const knobInfo = KNOBS[ranking.method];
  const onCurve = result && result.method === ranking.method ? operatingSummary(result, knob) : null;
  const field = (name: keyof RankingConfig) => (
    <FieldInput key={name} id={`f-ranking-${name}`} field={RANKING_FIELDS[name]} value={ranking[name]} onChange={(v) => props.onChange(name, v)} />
  );
  const preset = (Object.keys(FUSION_PRESETS) as Array<keyof typeof FUSION_PRESETS>).find((p) => {
    const w = FUSION_PRESETS[p];
    return w.a === ranking.fusionClick && w.b === ranking.fusionPurchase && w.c === ranking.fusionPrice;
  });
  // A curve point sets the knob of the method the curve was computed for (the method select may have moved since).
  const pick = (v: number) => {
    if (result) props.onChangeMany({ method: result.method, [KNOBS[result.method].field]: v });
  };
  const rankingProblem = props.problem?.includes('ranking.') ? props.problem : null;

  return (
    <section className="card" aria-labelledby="rerank-title" data-testid="rerank">
      <h2 id="rerank-title">Ranking and re-ranking</h2>
      <p className="muted">
        The task heads end in one ranked list. Choose how they are combined, how much relevance to trade for diversity or calibration, and
        compare what that costs on the test log (offline) with what simulated shoppers would buy (online).
      </p>
      {models.length === 0 ? (
        <p className="muted">Train a model of the shopper world (or run a sweep) to rank and re-rank its recommendations.</p>
      ) : (
        <>
          <div className="row wrap">
            <label htmlFor="rerank-model">Model to rank</label>
            <select id="rerank-model" value={modelId} onChange={(e) => setChosenModel(e.target.value)}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          {props.locked && <p className="banner warn small">{props.locked}</p>}
          <fieldset className="plain" disabled={Boolean(props.locked)}>
          <div className="grid two-even">
            <fieldset className="config-section">
              <legend>Score fusion</legend>
              <p className="small">
                score = P(click)<sup>a</sup> · P(purchase)<sup>b</sup> · price<sup>c</sup>
              </p>
              <div className="row wrap" role="group" aria-label="Fusion presets">
                {(Object.keys(FUSION_PRESETS) as Array<keyof typeof FUSION_PRESETS>).map((p) => (
                  <button
                    key={p}
                    type="button"
                    className="secondary small"
                    aria-pressed={preset === p}
                    onClick={() => props.onChangeMany({ fusionClick: FUSION_PRESETS[p].a, fusionPurchase: FUSION_PRESETS[p].b, fusionPrice: FUSION_PRESETS[p].c })}
                  >
                    Rank for {p}
                  </button>
                ))}
              </div>
              {field('fusionClick')}
              {field('fusionPurchase')}
              {field('fusionPrice')}
            </fieldset>
            <fieldset className="config-section">
              <legend>Re-ranker</legend>
              <div className="field">
                <label htmlFor="f-ranking-method">Re-ranker</label>
                <select id="f-ranking-method" value={ranking.method} onChange={(e) => props.onChange('method', e.target.value)}>
                  {RANKING_FIELDS.method.options.map((m) => (
                    <option key={m} value={m}>
                      {METHOD_NAMES[m][0]}
                    </option>
                  ))}
                </select>
              </div>
              <p className="small muted">{METHOD_NAMES[ranking.method][1]}</p>
              {field(knobInfo.field)}
              <p className="small muted">{RANKING_FIELDS[knobInfo.field].help} This is the operating point; click a point on a curve to move it.</p>
              <details>
                <summary>Candidates and sampling</summary>
                {field('candidates')}
                {field('curvePoints')}
                {field('shoppers')}
                {field('sessions')}
              </details>
            </fieldset>
          </div>
          </fieldset>
          {rankingProblem && (
            <p role="alert" className="error-text">
              {rankingProblem}
            </p>
          )}
          <div className="row wrap">
            <button type="button" onClick={() => tradeoff.start(modelId, ranking, k)} disabled={running || !modelId}>
              {result ? 'Compute the trade-off again' : 'Compute the trade-off'}
            </button>
            {running && (
              <span data-testid="tradeoff-progress">
                <progress max={1} value={state.fraction} aria-label="Trade-off progress" />{' '}
                <span aria-live="polite">
                  Ranking {ranking.shoppers} shoppers at {ranking.curvePoints} {knobInfo.symbol} values…
                </span>{' '}
                <span className="muted" data-testid="tradeoff-eta">
                  {formatLeft(state.secondsLeft)}
                </span>
              </span>
            )}
          </div>
          {state.phase === 'error' && (
            <p role="alert" className="error-text" data-testid="tradeoff-error">
              {state.error}
            </p>
          )}
          {stale && !running && <p className="banner warn small">The settings changed since this curve was computed; compute it again to see them.</p>}
          {result && (
            <>
              <div className="row wrap">
                <label htmlFor="tradeoff-axis">Against</label>
                <select id="tradeoff-axis" value={axis} onChange={(e) => setAxis(e.target.value as BeyondAxis)}>
                  {(Object.keys(BEYOND_AXES) as BeyondAxis[]).map((a) => (
                    <option key={a} value={a}>
                      {BEYOND_AXES[a].label}
                    </option>
                  ))}
                </select>
                <span className="small muted">
                  {result.method.toUpperCase()} over {result.points.length} {result.symbol} values; K = {result.k} from the top {result.candidates} candidates;{' '}
                  {result.shoppers} test shoppers.
                </span>
              </div>
              <div className="grid two-even">
                <TradeoffChart
                  result={result}
                  y="ndcg"
                  yLabel={`NDCG@${result.k}`}
                  x={axis}
                  operating={knob}
                  onSelect={pick}
                  testId="tradeoff-offline"
                  title={`Offline: NDCG@${result.k} vs ${BEYOND_AXES[axis].label}`}
                />
                <TradeoffChart
                  result={result}
                  y="purchases"
                  yLabel="expected purchases per session"
                  x={axis}
                  operating={knob}
                  onSelect={pick}
                  testId="tradeoff-online"
                  title={`Online: purchases per session vs ${BEYOND_AXES[axis].label}`}
                />
              </div>
              <p className="caption" data-testid="operating-summary">
                {onCurve ? (
                  <>
                    Operating point {result.symbol} = {fmtNum(knob, 2)} against no re-ranking: NDCG@{result.k} {pct(onCurve.ndcg)}, purchases per session{' '}
                    {pct(onCurve.purchases)}
                    {onCurve.purchasesClear ? '' : ' (within the simulation’s noise)'}, revenue {pct(onCurve.revenue)}, diversity {pct(onCurve.diversity)},
                    coverage {pct(onCurve.coverage)}.
                  </>
                ) : (
                  <>
                    The operating point ({knobInfo.symbol} = {fmtNum(knob, 2)}
                    {result.method !== ranking.method ? `, ${ranking.method}` : ''}) is not on this curve; compute the trade-off again to place it.
                  </>
                )}
              </p>
              <PolicyTable result={result} operating={result.method === ranking.method ? knob : Number.NaN} onUse={pick} />
            </>
          )}
        </>
      )}
    </section>
  );
}

export const RerankPanel = memo(RerankPanelImpl);
