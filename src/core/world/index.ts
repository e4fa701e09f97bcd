/** The synthetic worlds: the shopper world (clicks and purchases) and the MMoE paper's regression world. */
export {
  SHOPPER_WORLD_FIELDS,
  MMOE_WORLD_FIELDS,
  MAX_IMPRESSIONS,
  parseShopperWorldConfig,
  parseMmoeWorldConfig,
  coldItemCount,
  coldShopperCount,
  FUNNELS,
} from './config';
export type { ShopperWorldConfig, MmoeWorldConfig, Funnel } from './config';
export { generateShopperWorld } from './shopperWorld';
export type { ShopperWorld, WorldStage, GenerateOptions } from './shopperWorld';
export { itemVector, itemVectorList, LOG_PRICE_STD } from './catalog';
export type { Catalog } from './catalog';
export { PERSONAS } from './shoppers';
export type { Persona, Shoppers } from './shoppers';
export { SPLIT, SPLIT_NAMES, MIN_SESSIONS, allocateSessions } from './log';
export type { ImpressionLog, SplitName } from './log';
export { sigmoid, ResponseModel, itemPurchasePropensity } from './truth';
export type { ResponseInputs } from './truth';
export { hashWorld } from './hash';
export { summarizeWorld, shopperCard } from './summary';
export type { WorldSummary, ShopperCard, SplitSummary, CategorySummary } from './summary';
export { generateMmoeWorld, mmoeCorrelationTable } from './mmoe';
export type { MmoeWorld, CorrelationRow } from './mmoe';
