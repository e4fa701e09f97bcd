/**
 * The page: the playground, and a tab showing the shopper world the settings describe. The
 * playground stays mounted while hidden so a run keeps training and nothing is lost.
 */
import { useEffect, useState } from 'react';
import { configFromLink } from '../core/teach/link';
import { GlossaryProvider } from './glossary/GlossaryContext';
import { GlossaryPage } from './glossary/GlossaryPage';
import { Playground } from './playground/Playground';
import type { LoadedSession } from './playground/savedRuns';
import { WorldPage } from './WorldPage';

const TABS = [
  { id: 'playground', label: 'Playground' },
  { id: 'world', label: 'The shopper world' },
  { id: 'glossary', label: 'Glossary' },
] as const;
type Tab = (typeof TABS)[number]['id'];

function withoutKind<T extends { kind: string }>(w: T): Omit<T, 'kind'> {
  const copy: Partial<T> = { ...w };
  delete copy.kind;
  return copy as Omit<T, 'kind'>;
}

export function App({ saved = null }: { saved?: LoadedSession | null }) {
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => `#${t.id}` === location.hash)?.id ?? 'playground');
  // A tab change is a history entry: Back returns to the tab before it.
  const choose = (t: Tab) => {
    if (t === tab) return;
    setTab(t);
    history.pushState(null, '', `${location.pathname}${location.search}${t === 'playground' ? '' : `#${t}`}`);
  };
  useEffect(() => {
    const onPop = () => setTab(TABS.find((t) => `#${t.id}` === location.hash)?.id ?? 'playground');
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const worldConfig = tab === 'world' ? configFromLink(location.search).config.world : null;
  return (
    <GlossaryProvider>
    <div className="page">
      <a className="skip-link" href="#training-controls">
        Skip to the training controls
      </a>
      <nav className="tabs" role="tablist" aria-label="Views">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => choose(t.id)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const step = e.key === 'ArrowRight' ? 1 : TABS.length - 1;
              const next = TABS[(TABS.findIndex((x) => x.id === t.id) + step) % TABS.length].id;
              choose(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <div id="panel-playground" role="tabpanel" aria-labelledby="tab-playground" hidden={tab !== 'playground'}>
        <Playground saved={saved} />
      </div>
      {tab === 'world' && worldConfig && (
        <div id="panel-world" role="tabpanel" aria-labelledby="tab-world">
          {worldConfig.kind === 'shopper' ? (
            <WorldPage world={withoutKind(worldConfig)} />
          ) : (
            <section className="card">
              <h2>The MMoE regression world</h2>
              <p>These settings use the synthetic two-regression world of the MMoE paper, which has no shoppers to show. Switch the world to “shopper” in the settings to see one.</p>
            </section>
          )}
        </div>
      )}
      {tab === 'glossary' && (
        <div id="panel-glossary" role="tabpanel" aria-labelledby="tab-glossary">
          <GlossaryPage />
        </div>
      )}
    </div>
    </GlossaryProvider>
  );
}
