import { tf } from './src/core/engine/tf';
import { initBackend } from './src/core/engine/backends';
const d = process.cwd() + '/node_modules/@tensorflow/tfjs-backend-wasm/dist/';
const name = process.argv[2] as never;
console.log(await initBackend(name, { wasmPaths: { 'tfjs-backend-wasm.wasm': d + 'tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm': d + 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm': d + 'tfjs-backend-wasm-threaded-simd.wasm' } }));
const B = 1024;
async function t(name: string, f: () => tf.Tensor | tf.Tensor[] | unknown) { for (let i = 0; i < 3; i++) tf.tidy(() => { f(); }); const t0 = performance.now(); for (let i = 0; i < 10; i++) { const r = tf.tidy(() => { const o = f() as any; const ts = o instanceof tf.Tensor ? o : (o.grads ? Object.values(o.grads)[0] : o); return tf.sum(ts as tf.Tensor); }); await r.data(); r.dispose(); } console.log(name, ((performance.now() - t0) / 10).toFixed(2), 'ms'); }
const x = tf.randomNormal([B, 53]); const W = tf.variable(tf.randomNormal([53, 128]));
await t('matmul fwd', () => tf.matMul(x, W));
await t('matmul grad', () => tf.variableGrads(() => tf.sum(tf.matMul(x, W)) as tf.Scalar, [W]));
const emb = tf.variable(tf.randomNormal([2000, 8])); const idx = tf.tensor1d(Array.from({length: B}, (_, i) => i % 2000), 'int32');
await t('scatterND', () => tf.scatterND(tf.reshape(idx, [B, 1]), tf.ones([B, 8]), [2000, 8]));
if (name !== 'cpu') await t('gather grad', () => tf.variableGrads(() => tf.sum(tf.gather(emb, idx)) as tf.Scalar, [emb]));
