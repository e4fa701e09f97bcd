/**
 * The page for now: generates the default shopper world in a worker and shows its summary. Later
 * issues replace it with the playground.
 */
import { useMemo } from 'react';
import type { ShopperWorldConfig } from '../core/world';
import { CategoryExposure } from './components/CategoryExposure';
import { PositionTable } from './components/PositionTable';
import { QuickCheck } from './components/QuickCheck';
import { RelatednessTable } from './components/RelatednessTable';
import { ShopperCards } from './components/ShopperCards';
import { WorldOverview } from './components/WorldOverview';
import { fmtPct } from './format';
import { useWorldWorker } from './useWorldWorker';

export function App() {
  // The default world: an empty partial config, so every knob takes its default.
  const config = useMemo<Partial<ShopperWorldConfig>>(() => ({}), []);
  const state = useWorldWorker(config);

  return (
    <div className="page">
      <header className="header">
        <h1>Multi-task Recommender Playground</h1>
        <p className="tagline">
          Small multi-task recommenders trained in your browser on a world of synthetic shoppers. This
          first screen shows the world the models will learn from.
        </p>
      </header>
      <main>
        {state.status === 'generating' && (
          <section aria-live="polite" className="card">
            <label htmlFor="world-progress">Generating the shopper world ({state.stage})…</label>
            <progress id="world-progress" max={1} value={state.fraction}>
              {fmtPct(state.fraction, 0)}
            </progress>
          </section>
        )}
        {state.status === 'error' && (
          <section role="alert" className="card error">
            <h2>The world could not be generated</h2>
            <p>{state.message}</p>
          </section>
        )}
        {state.status === 'ready' && (
          <>
            <WorldOverview result={state.result} />
            <div className="grid two">
              <CategoryExposure categories={state.result.summary.categories} />
              <PositionTable rates={state.result.summary.clickRateByPosition} />
            </div>
            <ShopperCards shoppers={state.result.summary.sampleShoppers} />
            <RelatednessTable rows={state.relatedness} />
            <QuickCheck />
          </>
        )}
      </main>
    </div>
  );
}
