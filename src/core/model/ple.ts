/**
 * The forward pass of PLE (progressive layered extraction) for a population of networks; the
 * parameters are created by MultiTaskNet. Shapes as in network.ts.
 */
import { tf, type Tensor, type Tensor2D, type Tensor3D } from '../engine/tf';
import { addBias, memberMatMul, mixture, overBatch, taskRows } from './ops';
import type { ParamSet } from './params';
import type { NetSpec } from './spec';

/**
 * Progressive layered extraction (Tang et al., RecSys 2020): each CGC level has K experts per task
 * and K shared experts; task t's gate mixes its own and the shared experts; below the last level a
 * shared gate mixes all experts into the next level's shared input.
 *
 * Written for tfjs-wasm's fast path, 2-D matmuls: at level 0 every expert group and every gate
 * reads the same x, so all experts are one matmul and all gates another (the stored per-group
 * kernels are laid side by side); above it each group reads its own input, one matmul per
 * group.
 * Layout (members and examples merged, M = P·B): experts [M·T, K, U] and [M, K, U] (shared);
 * gates [M, T, 2K] (own experts, then shared).
 */
export function pleForward(
  spec: NetSpec,
  p: ParamSet,
  x: Tensor3D,
  B: number,
  drop: <R extends Tensor>(x: R) => R,
  param: (name: string) => Tensor,
): { tasks: Tensor3D[]; gateMeans: Tensor3D } {
  const P = p.members;
  const M = P * B;
  const { numTasks: T, expertUnits: U, pleExperts: K, pleLevels: L } = spec;
  /** Per-group kernels [P, G, in, out] side by side as one [P, in, G·out] (group-major columns). */
  const sideBySide = (w: Tensor, G: number, inW: number, out: number) => tf.reshape(tf.transpose(w, [0, 2, 1, 3]), [P, inW, G * out]) as Tensor3D;
  const kernel = (w: Tensor, inW: number, out: number) => tf.reshape(w, [P, inW, out]) as Tensor3D;
  // Inputs of the expert groups: one shared x at level 0, then each group's own [P, B, U].
  let inputs: Tensor3D[] | null = null;
  let gateMeans: Tensor3D | null = null;
  let taskOut: Tensor3D | null = null; // [M, T, U]
  for (let l = 0; l < L; l++) {
    const last = l === L - 1;
    const inW = inputs ? U : x.shape[2];
    const taskW = p.get(`ple${l}_taskExpertW`);
    const ownB = overBatch(param(`ple${l}_taskExpertB`), P); // [P, 1, T·K·U]
    const sharedB = overBatch(param(`ple${l}_sharedExpertB`), P);
    const sharedW = kernel(p.get(`ple${l}_sharedExpertW`), inW, K * U);
    let ownFlat: Tensor3D; // the tasks' experts [P, B, T·K·U]
    let sharedFlat: Tensor3D; // the shared experts [P, B, K·U]
    let gateLogits: Tensor3D; // [P, B, T·2K]
    let sharedGateLogits: Tensor3D | null = null; // [P, B, (T+1)·K]
    if (!inputs) {
      ownFlat = addBias(memberMatMul(x, sideBySide(taskW, T, inW, K * U)), ownB) as Tensor3D;
      sharedFlat = addBias(memberMatMul(x, sharedW), sharedB) as Tensor3D;
      const gateWs = [sideBySide(p.get(`ple${l}_gateW`), T, inW, 2 * K)];
      const gateBs = [overBatch(param(`ple${l}_gateB`), P)];
      if (!last) {
        gateWs.push(p.get(`ple${l}_sharedGateW`) as Tensor3D);
        gateBs.push(overBatch(param(`ple${l}_sharedGateB`), P));
      }
      const allGates = addBias(memberMatMul(x, tf.concat(gateWs, 2) as Tensor3D), tf.concat(gateBs, 2)) as Tensor3D;
      gateLogits = last ? allGates : (tf.slice(allGates, [0, 0, 0], [P, B, T * 2 * K]) as Tensor3D);
      if (!last) sharedGateLogits = tf.slice(allGates, [0, 0, T * 2 * K], [P, B, (T + 1) * K]) as Tensor3D;
    } else {
      const own = inputs;
      const taskWs = tf.unstack(taskW, 1);
      ownFlat = addBias(tf.concat(own.slice(0, T).map((xin, g) => memberMatMul(xin, taskWs[g] as Tensor3D)), 2), ownB) as Tensor3D;
      sharedFlat = addBias(memberMatMul(own[T], sharedW), sharedB) as Tensor3D;
      const gateWs = tf.unstack(p.get(`ple${l}_gateW`), 1);
      const gateBs = tf.unstack(p.get(`ple${l}_gateB`), 1);
      gateLogits = tf.concat(
        Array.from({ length: T }, (_, t) => addBias(memberMatMul(own[t], gateWs[t] as Tensor3D), overBatch(gateBs[t], P))),
        2,
      ) as Tensor3D;
      if (!last) sharedGateLogits = addBias(memberMatMul(own[T], p.get(`ple${l}_sharedGateW`) as Tensor3D), overBatch(p.get(`ple${l}_sharedGateB`), P)) as Tensor3D;
    }
    // Own and shared experts stay separate tensors, so no 4-D slice, tile or concat is needed
    // (strided copies are slow on tfjs-wasm). Below the last level (and with more than two tasks)
    // each gate's mixture is a batched matmul over the rows; the last level's, on WASM, `mixture`.
    const ownExperts = drop(tf.reshape(tf.relu(ownFlat), [M * T, K, U])) as Tensor3D; // [M·T, K, U]
    const sharedExperts = drop(tf.reshape(tf.relu(sharedFlat), [M, K, U])) as Tensor3D; // [M, K, U]
    const gates = tf.softmax(tf.reshape(gateLogits, [M, T, 2 * K])) as Tensor3D; // [M, T, 2K]: own experts, then shared
    gateMeans = tf.mean(tf.reshape(gates, [P, B, T, 2 * K]), 1) as Tensor3D; // [P, T, 2K]
    if (last && T <= 2 && tf.getBackend() === 'wasm') {
      // Each task's own and shared mixtures in fast kernels (see `mixture`; with up to two tasks the
      // experts' gradient parts add as the batched matmuls' do, so the values stay the same).
      const gFlat = tf.reshape(gates, [M, T * 2 * K]) as Tensor2D;
      const own = tf.reshape(ownExperts, [M, T * K * U]) as Tensor2D;
      const shared = tf.reshape(sharedExperts, [M, K * U]) as Tensor2D;
      const tasks = Array.from({ length: T }, (_, t) => {
        const mixed = tf.add(mixture(gFlat, own, U, { gate: t * 2 * K, expert: t * K, count: K }), mixture(gFlat, shared, U, { gate: t * 2 * K + K, expert: 0, count: K }));
        return tf.reshape(mixed, [P, B, U]) as Tensor3D;
      });
      return { tasks, gateMeans };
    }
    const gOwn = tf.reshape(tf.slice(gates, [0, 0, 0], [M, T, K]), [M * T, 1, K]) as Tensor3D;
    const gShared = tf.slice(gates, [0, 0, K], [M, T, K]) as Tensor3D;
    taskOut = tf.add(tf.reshape(tf.matMul(gOwn, ownExperts), [M, T, U]), tf.matMul(gShared, sharedExperts)) as Tensor3D; // [M, T, U]
    if (!last) {
      const sGate = tf.softmax(tf.reshape(sharedGateLogits!, [M, (T + 1) * K])); // the tasks' experts group by group, then the shared ones
      const sOwn = tf.reshape(tf.slice(sGate, [0, 0], [M, T * K]), [M, 1, T * K]) as Tensor3D;
      const sShared = tf.reshape(tf.slice(sGate, [0, T * K], [M, K]), [M, 1, K]) as Tensor3D;
      const sharedOut = tf.add(tf.matMul(sOwn, tf.reshape(ownExperts, [M, T * K, U]) as Tensor3D), tf.matMul(sShared, sharedExperts)); // [M, 1, U]
      inputs = [...taskRows(taskOut, P, B), tf.reshape(sharedOut, [P, B, U]) as Tensor3D];
    }
  }
  return { tasks: taskRows(taskOut!, P, B), gateMeans: gateMeans! };
}
