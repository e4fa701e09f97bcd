import type { ShopperCard } from '../../core/world';
import { ShopperCardView } from './ShopperCardView';

/** Five shoppers with their personas, favourite categories, traits and activity in the log. */
export function ShopperCards({ shoppers }: { shoppers: ShopperCard[] }) {
  return (
    <section className="card" aria-labelledby="shoppers-title">
      <h2 id="shoppers-title">Meet five shoppers</h2>
      <ul className="shoppers" data-testid="shopper-cards">
        {shoppers.map((s) => (
          <li key={s.id}>
            <ShopperCardView shopper={s} />
          </li>
        ))}
      </ul>
    </section>
  );
}
