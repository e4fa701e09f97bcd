/**
 * `npm run bench:rerank`: time to pick K = 20 from 1,000 candidates (16-dimensional attribute
 * vectors, 12 categories) for each re-ranker; median of 21 runs after 3 warm-ups. Figures only.
 */
import { Rng } from '../../src/core/random';
import { calibrated, categoryCap, dppGreedy, mmr } from '../../src/core/rerank/rerankers';

const M = 1000;
const K = 20;
const D = 16;
const C = 12;
const rng = Rng.stream(1, 'bench-rerank');
const vectors = Array.from({ length: M }, () => Float32Array.from({ length: D }, () => rng.normal()));
const relevance = Float64Array.from({ length: M }, () => rng.float());
const categories = Int32Array.from({ length: M }, () => rng.int(C));
const history = Int32Array.from({ length: 30 }, () => rng.int(C));

function time(fn: () => unknown): number {
  for (let w = 0; w < 3; w++) fn();
  const ts: number[] = [];
  for (let r = 0; r < 21; r++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return ts.sort((a, b) => a - b)[10];
}

console.log(`Pick K = ${K} from M = ${M} candidates (d = ${D}, ${C} categories), Node ${process.version}; median of 21 runs:`);
console.log('| re-ranker | cost | ms |');
console.log('|---|---|---|');
console.log(`| MMR (λ = 0.5) | O(K·M·d) | ${time(() => mmr(relevance, vectors, K, 0.5)).toFixed(2)} |`);
console.log(`| DPP greedy MAP (θ = 0.5) | O(K²·M + K·M·d) | ${time(() => dppGreedy(relevance, vectors, K, 0.5)).toFixed(2)} |`);
console.log(`| calibrated (λ = 0.5) | O(K·(C² + M)) | ${time(() => calibrated(relevance, categories, history, C, K, 0.5)).toFixed(2)} |`);
console.log(`| category cap (2) | O(M log M) | ${time(() => categoryCap(relevance, categories, K, 2)).toFixed(2)} |`);
