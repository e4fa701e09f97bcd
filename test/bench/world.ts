/**
 * `npm run bench:world`: generation time and impressions per second for the default world and for
 * 10,000 shoppers × 5,000 items × 1,000,000 impressions, and the time of `auc` and `gauc` over those
 * 1,000,000 impressions. Prints figures; asserts nothing (timings belong in benchmarks, not tests).
 */
import { auc, gauc } from '../../src/core/metrics';
import { generateShopperWorld, type ShopperWorld, type ShopperWorldConfig } from '../../src/core/world';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** Bytes held by the log's typed arrays. */
function logBytes(w: ShopperWorld): number {
  const l = w.log;
  return [l.shopper, l.item, l.session, l.sessionIndex, l.position, l.split, l.click, l.purchase, l.pClick, l.pPurchaseGivenClick]
    .reduce((a, arr) => a + arr.byteLength, 0);
}

function benchWorld(name: string, config: Partial<ShopperWorldConfig>, runs: number): ShopperWorld {
  const times: number[] = [];
  let world: ShopperWorld | undefined;
  for (let r = 0; r < runs; r++) {
    const t = time(() => generateShopperWorld(config));
    times.push(t.ms);
    world = t.value;
  }
  const w = world!;
  const ms = median(times);
  console.log(
    `${name.padEnd(34)} ${w.log.size.toLocaleString('en-US').padStart(10)} impressions  ` +
      `${ms.toFixed(0).padStart(6)} ms (median of ${runs})  ` +
      `${Math.round(w.log.size / (ms / 1000)).toLocaleString('en-US').padStart(10)} impressions/s  ` +
      `log ${(logBytes(w) / 2 ** 20).toFixed(1)} MiB`,
  );
  return w;
}

console.log(`Node ${process.version}, ${new Date().toISOString()}`);
benchWorld('default world (2,000 × 1,000)', {}, 7);
const large = benchWorld('10,000 shoppers × 5,000 items', { numShoppers: 10_000, numItems: 5_000, sessionsPerShopper: 10, itemsPerSession: 10 }, 3);

const { click, pClick, shopper } = large.log;
const aucTimes: number[] = [];
const gaucTimes: number[] = [];
let aucValue = NaN;
let gaucValue = NaN;
for (let r = 0; r < 3; r++) {
  const a = time(() => auc(click, pClick));
  aucTimes.push(a.ms);
  aucValue = a.value;
  const g = time(() => gauc(shopper, click, pClick));
  gaucTimes.push(g.ms);
  gaucValue = g.value.value;
}
console.log(`auc  over ${click.length.toLocaleString('en-US')} impressions: ${median(aucTimes).toFixed(0)} ms (median of 3), value ${aucValue.toFixed(4)}`);
console.log(`gauc over ${click.length.toLocaleString('en-US')} impressions: ${median(gaucTimes).toFixed(0)} ms (median of 3), value ${gaucValue.toFixed(4)}`);
const mem = process.memoryUsage();
console.log(`memory: heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MiB`);
