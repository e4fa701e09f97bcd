import { tf } from './src/core/engine/tf';
await tf.setBackend('cpu');
const B = 1024;
function t(name: string, f: () => unknown) { f(); const t0 = performance.now(); for (let i = 0; i < 3; i++) tf.tidy(() => { f(); }); console.log(name, ((performance.now() - t0) / 3).toFixed(1), 'ms'); }
const x = tf.randomNormal([B, 53]); const W = tf.variable(tf.randomNormal([53, 128])); 
t('matmul fwd', () => tf.matMul(x, W));
t('matmul grad', () => tf.variableGrads(() => tf.sum(tf.matMul(x, W)) as tf.Scalar, [W]));
const emb = tf.variable(tf.randomNormal([2000, 8])); const idx = tf.tensor1d(Array.from({length: B}, (_, i) => i % 2000), 'int32');
t('gather grad', () => tf.variableGrads(() => tf.sum(tf.gather(emb, idx)) as tf.Scalar, [emb]));
const x3 = tf.randomNormal([1, B, 32]); const W3 = tf.variable(tf.randomNormal([2, 32, 16]));
t('bmm bcast fwd', () => tf.matMul(x3, W3));
t('bmm bcast grad', () => tf.variableGrads(() => tf.sum(tf.matMul(x3, W3)) as tf.Scalar, [W3]));
const x3b = tf.randomNormal([2, B, 32]);
t('bmm grad', () => tf.variableGrads(() => tf.sum(tf.matMul(x3b, W3)) as tf.Scalar, [W3]));
const g = tf.variable(tf.randomNormal([B, 2, 4])); const h = tf.randomNormal([B, 4, 32]);
t('bmm B-batch grad', () => tf.variableGrads(() => tf.sum(tf.matMul(g, h)) as tf.Scalar, [g]));
t('softmax grad', () => tf.variableGrads(() => tf.sum(tf.softmax(g)) as tf.Scalar, [g]));
t('transpose', () => tf.transpose(h, [1, 0, 2]));
