/**
 * The world tab: the shopper world of the current settings, generated in its own worker, with its
 * counts, rates, exposure, position bias, sample shoppers and the MMoE relatedness table.
 */
import { useMemo } from 'react';
import { formatLeft } from '../core/experiment/eta';
import type { ShopperWorldConfig } from '../core/world';
import { CategoryExposure } from './components/CategoryExposure';
import { PositionTable } from './components/PositionTable';
import { RelatednessTable } from './components/RelatednessTable';
import { ShopperCards } from './components/ShopperCards';
import { WorldOverview } from './components/WorldOverview';
import { fmtPct } from './format';
import { useWorldWorker } from './useWorldWorker';

export function WorldPage({ world }: { world: Partial<ShopperWorldConfig> }) {
  // Keyed by content so an equal config does not regenerate the world.
  const key = JSON.stringify(world);
  const config = useMemo<Partial<ShopperWorldConfig>>(() => JSON.parse(key) as Partial<ShopperWorldConfig>, [key]);
  const state = useWorldWorker(config);
  return (
    <div data-testid="world-page">
      {state.status === 'generating' && (
        <section className="card">
          <label htmlFor="world-progress" aria-live="polite">
            Generating the shopper world ({state.stage})…
          </label>
          <progress id="world-progress" max={1} value={state.fraction}>
            {fmtPct(state.fraction, 0)}
          </progress>{' '}
          <span className="muted small" data-testid="world-eta">
            {formatLeft(state.secondsLeft)}
          </span>
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
        </>
      )}
    </div>
  );
}
