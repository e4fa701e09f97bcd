/**
 * `bench:eval`'s stand-in for the page's second worker: judges a config's reference policies in a
 * Node worker thread (the page's sweep helper does it in a Web Worker while the run trains), and
 * says how long that took there (the main thread reads the answer only when its loop turns).
 */
import { parentPort } from 'node:worker_threads';
import { ReferenceJudge } from '../../src/core/experiment/references';

const judge = new ReferenceJudge();
parentPort!.on('message', (config: unknown) => {
  const t0 = performance.now();
  const judged = judge.judge(config);
  parentPort!.postMessage({ judged, seconds: (performance.now() - t0) / 1000 });
});
parentPort!.postMessage('ready');
