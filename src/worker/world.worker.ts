/// <reference lib="webworker" />
/**
 * Generates worlds off the main thread and posts their summaries. Progress messages are throttled
 * to about 10 a second so the page never redraws faster than it can show.
 */
import { generateShopperWorld, mmoeCorrelationTable, summarizeWorld } from '../core/world';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: WorkerResponse) => scope.postMessage(msg);

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  if (req.type !== 'generate') return;
  try {
    let lastPost = 0;
    const t0 = performance.now();
    const world = generateShopperWorld(req.config, {
      onProgress: (fraction, stage) => {
        const now = performance.now();
        if (now - lastPost > 100 || fraction === 1) {
          lastPost = now;
          post({ type: 'progress', fraction, stage });
        }
      },
    });
    const generationMs = performance.now() - t0;
    post({
      type: 'world',
      summary: summarizeWorld(world),
      config: world.config,
      generationMs,
    });
    post({ type: 'relatedness', rows: mmoeCorrelationTable([1, 0.9, 0.75, 0.5, 0.25, 0]) });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
