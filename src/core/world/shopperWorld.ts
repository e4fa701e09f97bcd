/**
 * The shopper world: catalogue, shoppers and impression log, generated from one validated config.
 * Same config → the same world, bit for bit (see `hashWorld`).
 */
import { generateCatalog, type Catalog } from './catalog';
import { parseShopperWorldConfig, type ShopperWorldConfig } from './config';
import { generateLog, type ImpressionLog } from './log';
import { generateShoppers, type Shoppers } from './shoppers';

export interface ShopperWorld {
  /** The validated config the world was generated from (defaults filled in). */
  config: ShopperWorldConfig;
  catalog: Catalog;
  shoppers: Shoppers;
  log: ImpressionLog;
}

/** Stages reported to `onProgress`, in order. */
export type WorldStage = 'catalog' | 'shoppers' | 'log';

export interface GenerateOptions {
  /** Called as generation advances; `fraction` in [0, 1] is the share of the whole job done. */
  onProgress?: (fraction: number, stage: WorldStage) => void;
}

/**
 * Generates the shopper world. Accepts a partial config (defaults fill the rest).
 * @throws ConfigError naming every invalid field and its allowed range.
 */
export function generateShopperWorld(input: Partial<ShopperWorldConfig> = {}, options: GenerateOptions = {}): ShopperWorld {
  const config = parseShopperWorldConfig(input);
  const report = options.onProgress ?? (() => {});
  report(0, 'catalog');
  const catalog = generateCatalog(config);
  report(0.02, 'shoppers');
  const shoppers = generateShoppers(config, catalog);
  report(0.05, 'log');
  const log = generateLog(config, catalog, shoppers, (f) => report(0.05 + 0.95 * f, 'log'));
  return { config, catalog, shoppers, log };
}
