/** One shopper's card: persona, favourite categories, traits as bars, activity in the log. */
import type { ShopperCard } from '../../core/world';
import { fmtInt, fmtNum } from '../format';

/** Traits shown as bars, with the scale each is drawn against. */
const TRAITS: Array<{ key: keyof ShopperCard['traits']; label: string; max: number }> = [
  { key: 'priceSensitivity', label: 'Price sensitivity', max: 2 },
  { key: 'qualitySensitivity', label: 'Quality sensitivity', max: 2 },
  { key: 'brandLoyalty', label: 'Brand loyalty', max: 1 },
  { key: 'noveltySeeking', label: 'Novelty seeking', max: 1 },
  { key: 'activity', label: 'Activity', max: 3 },
];

export function ShopperCardView({ shopper: s, children }: { shopper: ShopperCard; children?: React.ReactNode }) {
  return (
    <div className="shopper">
      <h3>
        {s.name} <span className="persona">the {s.persona}</span>
        {s.cold && <span className="tag">cold start</span>}
      </h3>
      <p className="muted">
        Shopper #{s.id} · loves {s.favouriteCategories.join(', ')}
      </p>
      <dl className="traits">
        {TRAITS.map((t) => (
          <div key={t.key}>
            <dt>{t.label}</dt>
            <dd>
              <meter min={0} max={t.max} value={Math.min(s.traits[t.key], t.max)} aria-label={t.label} />
              <span>{fmtNum(s.traits[t.key], 2)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        {fmtInt(s.impressions)} impressions · {fmtInt(s.clicks)} clicks · {fmtInt(s.purchases)} purchases
      </p>
      {children}
    </div>
  );
}
