import * as tf from '@tensorflow/tfjs';
await tf.setBackend('cpu');
console.log(tf.getBackend(), tf.version.tfjs);
const a = tf.randomNormal([1, 4, 3]);
const b = tf.randomNormal([2, 3, 5]);
console.log(tf.matMul(a, b).shape);
const g = tf.randomNormal([4, 2, 3]); const h = tf.randomNormal([4, 3, 6]);
console.log(tf.matMul(g, h).shape);
