/**
 * The one place the engine imports TensorFlow.js. tfjs 4.22 is its last release, so everything else
 * in core goes through this module (and `backends.ts`): replacing the tensor library later means
 * replacing these two files' worth of surface, not the whole engine.
 *
 * The umbrella package is used rather than tfjs-core alone because it registers the gradients
 * (tfjs-core's own side-effect entry for them cannot be imported by Node's ES-module loader) and
 * brings the CPU and WebGL backends. WebGPU and WASM are loaded on demand by `backends.ts`.
 */
import * as tf from '@tensorflow/tfjs';
// Replaces two gradients: matmul's (tfjs-wasm's fast path) and unstack's (outputs off the graph).
import './gradients';

export { tf };
export type Tensor = tf.Tensor;
export type Scalar = tf.Scalar;
export type Variable = tf.Variable;
export type Tensor1D = tf.Tensor1D;
export type Tensor2D = tf.Tensor2D;
export type Tensor3D = tf.Tensor3D;
export type Tensor4D = tf.Tensor4D;
