/**
 * The fused PLE forward pass (2-D matmuls, gates as broadcast sums) against a plain reference
 * written the textbook way, group by group and task by task, on the same parameters: the same
 * logits, gate means and gradients for 1 and 2 levels, 2 and 3 tasks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import { MultiTaskNet } from './network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** PLE from its definition: per level, each group's experts, each task's gate over own + shared experts, the shared gate over all. */
function reference(net: MultiTaskNet, x: Tensor2D): { logits: Tensor2D; gateMeans: Tensor2D } {
  // One member's parameters without the member axis.
  const p = { get: (name: string) => tf.squeeze(net.params.get(name), [0]) };
  const { numTasks: T, expertUnits: U, pleExperts: K, pleLevels: L, towerUnits: V } = net.spec;
  const B = x.shape[0];
  let groupIn: Tensor2D[] = Array.from({ length: T + 1 }, () => x);
  let taskOut: Tensor2D[] = [];
  let means: Tensor2D[] = [];
  for (let l = 0; l < L; l++) {
    const inW = groupIn[0].shape[1];
    const experts = groupIn.map((xin, g) => {
      const w = g < T ? tf.reshape(tf.slice(p.get(`ple${l}_taskExpertW`), [g, 0, 0], [1, inW, K * U]), [inW, K * U]) : tf.reshape(p.get(`ple${l}_sharedExpertW`), [inW, K * U]);
      const b = g < T ? tf.reshape(tf.slice(p.get(`ple${l}_taskExpertB`), [g, 0], [1, K * U]), [K * U]) : tf.reshape(p.get(`ple${l}_sharedExpertB`), [K * U]);
      return tf.reshape(tf.relu(tf.add(tf.matMul(xin, w as Tensor2D), b)), [B, K, U]);
    });
    means = [];
    taskOut = Array.from({ length: T }, (_, t) => {
      const w = tf.reshape(tf.slice(p.get(`ple${l}_gateW`), [t, 0, 0], [1, inW, 2 * K]), [inW, 2 * K]) as Tensor2D;
      const b = tf.reshape(tf.slice(p.get(`ple${l}_gateB`), [t, 0], [1, 2 * K]), [2 * K]);
      const gate = tf.softmax(tf.add(tf.matMul(groupIn[t], w), b)); // [B, 2K]
      means.push(tf.mean(gate, 0, true) as Tensor2D);
      const candidates = tf.concat([experts[t], experts[T]], 1); // [B, 2K, U]
      return tf.reshape(tf.matMul(tf.reshape(gate, [B, 1, 2 * K]), candidates), [B, U]) as Tensor2D;
    });
    if (l < L - 1) {
      const sGate = tf.softmax(tf.add(tf.matMul(groupIn[T], p.get(`ple${l}_sharedGateW`) as Tensor2D), p.get(`ple${l}_sharedGateB`)));
      const all = tf.concat(experts, 1); // [B, (T+1)K, U]
      const sharedOut = tf.reshape(tf.matMul(tf.reshape(sGate, [B, 1, (T + 1) * K]), all), [B, U]) as Tensor2D;
      groupIn = [...taskOut, sharedOut];
    }
  }
  const logits = taskOut.map((h, t) => {
    const w1 = tf.reshape(tf.slice(p.get('towerW1'), [t, 0, 0], [1, U, V]), [U, V]) as Tensor2D;
    const b1 = tf.reshape(tf.slice(p.get('towerB1'), [t, 0], [1, V]), [V]);
    const w2 = tf.reshape(tf.slice(p.get('towerW2'), [t, 0, 0], [1, V, 1]), [V, 1]) as Tensor2D;
    const b2 = tf.reshape(tf.slice(p.get('towerB2'), [t], [1]), [1]);
    return tf.reshape(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h, w1), b1)) as Tensor2D, w2), b2), [1, B]);
  });
  return { logits: tf.concat(logits, 0) as Tensor2D, gateMeans: tf.concat(means, 0) as Tensor2D };
}

describe('fused PLE', () => {
  for (const [levels, tasks] of [[1, 2], [2, 2], [2, 3], [1, 1]] as const) {
    it(`${levels} level(s), ${tasks} task(s): logits, gate means and every gradient match the reference`, () => {
      const before = tf.memory().numTensors;
      const net = new MultiTaskNet(
        { architecture: 'ple', numTasks: tasks, categoricalVocab: [], denseDim: 5, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 4, pleLevels: levels, pleExperts: 2, numPositions: 0 },
        11,
      );
      const x = tf.randomNormal([9, 5], 0, 1, 'float32', 3) as Tensor2D;
      const inputs = { categorical: tf.zeros([9, 0], 'int32') as Tensor2D, dense: x };
      const vars = net.params.list();
      const weights = tf.randomNormal([tasks, 9], 0, 1, 'float32', 4);
      const ours = tf.variableGrads(() => tf.sum(tf.mul(net.forward(inputs, { training: false, dropout: 0, seed: 0 }).logits, weights)) as tf.Scalar, vars);
      const theirs = tf.variableGrads(() => tf.sum(tf.mul(reference(net, x).logits, weights)) as tf.Scalar, vars);
      expect(ours.value.dataSync()[0]).toBeCloseTo(theirs.value.dataSync()[0], 5);
      tf.tidy(() => {
        const a = net.forward(inputs, { training: false, dropout: 0, seed: 0 });
        const b = reference(net, x);
        expect(Array.from(a.logits.dataSync())).toEqual(Array.from(b.logits.dataSync()).map((v) => expect.closeTo(v, 5)));
        expect(Array.from(a.gateMeans!.dataSync())).toEqual(Array.from(b.gateMeans.dataSync()).map((v) => expect.closeTo(v, 5)));
      });
      for (const v of vars) {
        const g = ours.grads[v.name];
        const r = theirs.grads[v.name];
        expect(g === undefined, v.name).toBe(r === undefined);
        if (g && r) expect(Array.from(g.dataSync()), v.name).toEqual(Array.from(r.dataSync()).map((w) => expect.closeTo(w, 5)));
      }
      tf.dispose([x, inputs.categorical, weights, ours.value, theirs.value, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
      net.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
