/**
 * The shopper inspector: choose a shopper (search, random, cold start) and one or two trained
 * models; see the persona, a sample of history, and each model's top K beside the world's truth.
 */
import { useCallback, useEffect, useState, memo } from 'react';
import type { Recommendations } from '../../core/inspect/recommend';
import { operatingKnob, type RankingConfig } from '../../core/rerank/config';
import type { ShopperHit } from '../../core/inspect/shoppers';
import { ShopperCardView } from '../components/ShopperCardView';
import type { WorkerClient } from '../playground/workerClient';
import { BaselineLists } from './BaselineLists';
import { RecommendationList } from './RecommendationList';
import { RerankCompare } from './RerankCompare';
import { SegmentMap } from './SegmentMap';

export interface ModelOption {
  id: string;
  label: string;
}

type Loaded = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; rec: Recommendations } | { status: 'error'; message: string };

/**
 * The worker's answer for `key`, or `loading` while the answer held is for another key (so no
 * state is reset inside an effect: a stale answer is simply not shown).
 */
function useWorkerQuery<T>(key: string | null, query: () => Promise<T>): { status: 'idle' } | { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; message: string } {
  const [answer, setAnswer] = useState<{ key: string; value?: T; error?: string } | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    query().then(
      (value) => live && setAnswer({ key, value }),
      (e: unknown) => live && setAnswer({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names everything the query reads
  }, [key]);
  if (key === null) return { status: 'idle' };
  if (!answer || answer.key !== key) return { status: 'loading' };
  return answer.error !== undefined ? { status: 'error', message: answer.error } : { status: 'ready', value: answer.value as T };
}

function useRecommendations(client: WorkerClient, modelId: string, shopper: number | null, k: number): Loaded {
  const key = modelId && shopper !== null ? `${modelId}|${shopper}|${k}` : null;
  const q = useWorkerQuery(key, () => client.call((api) => api.inspect(modelId, shopper ?? 0, k)));
  return q.status === 'ready' ? { status: 'ready', rec: q.value } : q;
}

function useRerank(client: WorkerClient, modelId: string, shopper: number | null, ranking: RankingConfig, k: number, on: boolean) {
  // Only what changes the two lists: fusion, re-ranker, its knob, candidates (not the curve's sampling).
  const { fusionClick, fusionPurchase, fusionPrice, method, candidates } = ranking;
  const lists = { fusionClick, fusionPurchase, fusionPrice, method, candidates, knob: operatingKnob(ranking) };
  const key = on && modelId && shopper !== null ? `${modelId}|${shopper}|${k}|${JSON.stringify(lists)}` : null;
  return useWorkerQuery(key, () => client.call((api) => api.rerankInspect(modelId, shopper ?? 0, ranking, k)));
}

function useShopperSearch(client: WorkerClient, modelId: string, query: string): ShopperHit[] {
  const key = modelId && query.trim() !== '' ? `${modelId}|${query}` : null;
  const q = useWorkerQuery(key, () => client.call((api) => api.findShoppers(modelId, query)));
  return q.status === 'ready' ? q.value : [];
}

function InspectorImpl(props: {
  client: WorkerClient;
  models: ModelOption[];
  /** Model chosen elsewhere (a sweep point): its id and a request counter. */
  focus: { modelId: string; nonce: number } | null;
  defaultK: number;
  /** The ranking section: fusion and the re-ranker's operating point (the before/after lists). */
  ranking: RankingConfig;
}) {
  const { client, models } = props;
  const [modelA, setModelA] = useState('');
  const [modelB, setModelB] = useState('');
  const [shopper, setShopper] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const [k, setK] = useState(props.defaultK);
  const [error, setError] = useState<string | null>(null);

  const has = (id: string) => models.some((m) => m.id === id);
  const a = has(modelA) ? modelA : (models[0]?.id ?? '');
  const b = has(modelB) ? modelB : '';
  const hits = useShopperSearch(client, a, query);

  const pick = useCallback(
    (kind: 'random' | 'cold', model: string) => {
      if (!model) return;
      client.call((api) => api.pickShopper(model, kind)).then(
        (h) => {
          setError(null);
          setShopper(h.id);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    },
    [client],
  );

  // A model sent from a sweep point becomes model A; with no shopper yet, one is drawn.
  const [seenFocus, setSeenFocus] = useState<number | null>(null);
  if (props.focus && props.focus.nonce !== seenFocus) {
    setSeenFocus(props.focus.nonce);
    setModelA(props.focus.modelId);
  }
  useEffect(() => {
    if (props.focus && shopper === null) pick('random', props.focus.modelId);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new focus request draws a shopper
  }, [props.focus]);

  const recA = useRecommendations(client, a, shopper, k);
  const recB = useRecommendations(client, b, shopper, k);
  const [showRerank, setShowRerank] = useState(true);
  const rerank = useRerank(client, a, shopper, props.ranking, k, showRerank);
  const card = recA.status === 'ready' ? recA.rec : null;
  const labelOf = (id: string) => models.find((m) => m.id === id)?.label ?? id;

  if (models.length === 0) {
    return (
      <section className="card" aria-labelledby="inspector-title" data-testid="inspector">
        <h2 id="inspector-title">Shopper inspector</h2>
        <p className="muted">Train a model of the shopper world (or run a sweep) to see what one shopper is recommended, and why.</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="inspector-title" data-testid="inspector">
      <h2 id="inspector-title">Shopper inspector</h2>
      <div className="row wrap">
        <label htmlFor="inspect-model-a">Model</label>
        <select id="inspect-model-a" value={a} onChange={(e) => setModelA(e.target.value)}>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <label htmlFor="inspect-model-b">Compare with</label>
        <select id="inspect-model-b" value={b} onChange={(e) => setModelB(e.target.value)}>
          <option value="">(none)</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <label htmlFor="inspect-k">Top K</label>
        <input
          id="inspect-k"
          type="number"
          min={1}
          max={100}
          value={k}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 1 && v <= 100) setK(v);
          }}
        />
      </div>
      <div className="row wrap">
        <label htmlFor="shopper-search">Find a shopper</label>
        <input id="shopper-search" type="search" placeholder="name or id" value={query} onChange={(e) => setQuery(e.target.value)} aria-controls={hits.length > 0 ? 'shopper-hits' : undefined} />
        <button type="button" className="secondary" onClick={() => pick('random', a)}>
          Random shopper
        </button>
        <button type="button" className="secondary" onClick={() => pick('cold', a)}>
          Cold-start shopper
        </button>
        <label className="inline">
          <input type="checkbox" checked={showRerank} onChange={(e) => setShowRerank(e.target.checked)} /> Show the re-ranked list
        </label>
      </div>
      {hits.length > 0 && (
        <ul id="shopper-hits" className="hits" aria-label="Matching shoppers">
          {hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setShopper(h.id);
                  setQuery('');
                }}
              >
                {h.name} (#{h.id}, {h.persona}
                {h.cold ? ', cold start' : ''})
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim() !== '' && hits.length === 0 && <p className="muted small">No shopper matches “{query}”.</p>}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {shopper === null && <p className="muted">Choose a shopper to see their recommendations.</p>}
      {recA.status === 'loading' && <p aria-live="polite">Ranking the whole catalogue…</p>}
      {recA.status === 'error' && (
        <p role="alert" className="error-text">
          {recA.message}
        </p>
      )}
      {card && (
        <div className="inspector-body">
          <ShopperCardView shopper={card.shopper}>
            {!card.knownToModel && <p className="small">Unseen in training: the model scores this shopper with its shared “unknown shopper” embedding.</p>}
            <h4>Recent clicks in training</h4>
            {card.history.length === 0 ? (
              <p className="muted small">None.</p>
            ) : (
              <ul className="history">
                {card.history.map((h, i) => (
                  <li key={i}>
                    {h.category} · {h.brand} · ${h.price.toFixed(2)} {h.purchased && <span className="tag">bought</span>}
                  </li>
                ))}
              </ul>
            )}
          </ShopperCardView>
          <div className={b ? 'grid two-even' : ''}>
            <RecommendationList title={labelOf(a)} rec={card} testId="recs-a" />
            {b && recB.status === 'ready' && <RecommendationList title={labelOf(b)} rec={recB.rec} testId="recs-b" compareTo={card} />}
            {b && recB.status === 'loading' && <p>Ranking for the second model…</p>}
            {b && recB.status === 'error' && <p className="error-text">{recB.message}</p>}
          </div>
          <BaselineLists rec={card} title={labelOf(a)} />
        </div>
      )}
      {card && showRerank && rerank.status === 'ready' && <RerankCompare cmp={rerank.value} />}
      {a && <SegmentMap client={client} modelId={a} onPick={setShopper} />}
      {card && showRerank && rerank.status === 'loading' && <p aria-live="polite">Re-ranking…</p>}
      {card && showRerank && rerank.status === 'error' && (
        <p role="alert" className="error-text" data-testid="rerank-error">
          Re-ranking failed: {rerank.message}
        </p>
      )}
    </section>
  );
}

export const Inspector = memo(InspectorImpl);
