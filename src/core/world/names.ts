/**
 * Readable names for the world's categories, brands and shoppers, so a person can talk about
 * "Maya K. the explorer" buying "Novara" shoes rather than shopper 1377 and item 52.
 */
import type { Rng } from '../random';

/** Category names with a typical price (the centre of the category's log-normal prices). */
export const CATEGORY_TABLE: ReadonlyArray<{ name: string; basePrice: number }> = [
  { name: 'Shoes', basePrice: 70 },
  { name: 'Electronics', basePrice: 250 },
  { name: 'Books', basePrice: 15 },
  { name: 'Clothing', basePrice: 40 },
  { name: 'Home & Kitchen', basePrice: 45 },
  { name: 'Beauty', basePrice: 25 },
  { name: 'Sports', basePrice: 60 },
  { name: 'Toys', basePrice: 30 },
  { name: 'Groceries', basePrice: 8 },
  { name: 'Garden', basePrice: 35 },
  { name: 'Music', basePrice: 20 },
  { name: 'Jewelry', basePrice: 120 },
  { name: 'Pet Supplies', basePrice: 22 },
  { name: 'Automotive', basePrice: 80 },
  { name: 'Office', basePrice: 18 },
  { name: 'Health', basePrice: 28 },
  { name: 'Games', basePrice: 50 },
  { name: 'Baby', basePrice: 32 },
  { name: 'Tools', basePrice: 55 },
  { name: 'Crafts', basePrice: 16 },
];

const BRAND_HEADS = [
  'Ar', 'Bel', 'Cor', 'Dax', 'El', 'Fen', 'Gal', 'Hux', 'Iv', 'Jun', 'Kel', 'Lum',
  'Mor', 'Nov', 'Or', 'Pax', 'Quin', 'Ros', 'Sol', 'Tav', 'Ul', 'Ver', 'Wex', 'Zan',
];
const BRAND_TAILS = ['a', 'o', 'ex', 'is', 'um', 'ora', 'ine', 'ett', 'ico', 'ara', 'on', 'ly'];

/** A brand name such as "Novara"; unique within `taken` (a numeral is added after a few clashes). */
export function brandName(rng: Rng, taken: Set<string>): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = BRAND_HEADS[rng.int(BRAND_HEADS.length)] + BRAND_TAILS[rng.int(BRAND_TAILS.length)];
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const name = `${BRAND_HEADS[rng.int(BRAND_HEADS.length)]}${BRAND_TAILS[rng.int(BRAND_TAILS.length)]} ${taken.size + 1}`;
  taken.add(name);
  return name;
}

const FIRST_NAMES = [
  'Maya', 'Liam', 'Aisha', 'Noah', 'Sofia', 'Mateo', 'Yuki', 'Omar', 'Elena', 'Kofi', 'Priya', 'Lucas',
  'Zara', 'Ethan', 'Mei', 'Diego', 'Amara', 'Felix', 'Ines', 'Hugo', 'Leila', 'Ravi', 'Nora', 'Tariq',
  'Chloe', 'Jonas', 'Freya', 'Arjun', 'Lena', 'Samir', 'Ava', 'Kenji', 'Ruth', 'Pablo', 'Hana', 'Idris',
  'Clara', 'Milo', 'Nia', 'Oscar', 'Selin', 'Theo', 'Wen', 'Bruno', 'Dalia', 'Emil', 'Fatima', 'Gus',
  'Isla', 'Jamal', 'Kira', 'Leo', 'Mira', 'Nikhil', 'Olga', 'Pia', 'Quentin', 'Rosa', 'Sven', 'Tala',
  'Uma', 'Viktor', 'Willa', 'Yara',
];
const INITIALS = 'ABCDEFGHIJKLMNOPRSTVWZ';

/** A display name such as "Maya K.". Names may repeat across a large world; ids never do. */
export function shopperName(rng: Rng): string {
  return `${FIRST_NAMES[rng.int(FIRST_NAMES.length)]} ${INITIALS[rng.int(INITIALS.length)]}.`;
}
