/**
 * `bench:eval`'s stand-in for the page's second worker: judges a config's reference policies in a
 * Node worker thread (the page's sweep helper does it in a Web Worker while the run trains).
 */
import { parentPort } from 'node:worker_threads';
import { ReferenceJudge } from '../../src/core/experiment/references';

const judge = new ReferenceJudge();
parentPort!.on('message', (config: unknown) => parentPort!.postMessage(judge.judge(config)));
parentPort!.postMessage('ready');
