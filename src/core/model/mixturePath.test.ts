/**
 * The networks' gate mixtures as WASM runs them (`mixExperts`/`mixture` for MMoE and OMoE with up
 * to two gate sets, PLE's last level with up to two tasks; the batched matmul otherwise) against the
 * same networks on the CPU backend, where every mixture is tfjs's batched matmul: the same
 * initialisation and inputs give the same logits and parameter gradients up to float rounding (the
 * two backends' matmuls round differently). A mixture wired to the wrong gates, experts or task
 * would be off by far more. ops.test.ts checks the op itself bit for bit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../engine/tf';
import { nodeWasmPaths } from '../../cli/wasmPaths';
import { initBackend } from '../engine/backends';
import type { Architecture } from './config';
import { MultiTaskNet } from './network';

/** Logits and every parameter's gradient of Σ w ⊙ logits, on the active backend. */
function run(architecture: Architecture, numTasks: number, pleLevels: number): { logits: number[]; grads: Record<string, number[]> } {
  const net = new MultiTaskNet(
    { architecture, numTasks, categoricalVocab: [5, 7], denseDim: 3, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 5, pleLevels, pleExperts: 2, numPositions: 0 },
    7,
  );
  const out = tf.tidy(() => {
    const inputs = {
      categorical: tf.tensor2d([[0, 11], [1, 5], [4, 8], [2, 8], [3, 6], [0, 9]], [6, 2], 'int32') as Tensor2D,
      dense: tf.tensor2d(Array.from({ length: 18 }, (_, i) => ((i * 7) % 11) / 5 - 1), [6, 3]) as Tensor2D,
    };
    const w = tf.tensor(Array.from({ length: numTasks * 6 }, (_, i) => ((i * 5) % 7) / 3 - 1), [1, numTasks, 6]);
    const logits = net.forward(inputs, { training: false, dropout: 0, seed: 0 }).logits;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(net.forward(inputs, { training: false, dropout: 0, seed: 0 }).logits, w)) as tf.Scalar, net.params.list());
    // Gradients keyed by the parameter's position (variable names differ between the two nets).
    const byIndex = Object.fromEntries(net.params.list().map((v, i) => [String(i), Array.from(grads[v.name].dataSync())]));
    return { logits: Array.from(logits.dataSync()), grads: byIndex };
  });
  net.dispose();
  return out;
}

const cases: Array<{ architecture: Architecture; numTasks: number; pleLevels: number }> = [
  { architecture: 'mmoe', numTasks: 2, pleLevels: 1 },
  { architecture: 'omoe', numTasks: 2, pleLevels: 1 },
  { architecture: 'ple', numTasks: 2, pleLevels: 1 },
  { architecture: 'ple', numTasks: 2, pleLevels: 2 },
  { architecture: 'mmoe', numTasks: 3, pleLevels: 1 },
];

describe('gate mixtures on WASM against the CPU backend', () => {
  let previous = '';
  afterAll(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it.each(cases)('$architecture, $numTasks tasks, PLE levels $pleLevels: same logits and gradients', async ({ architecture, numTasks, pleLevels }) => {
    previous ||= tf.getBackend();
    await tf.setBackend('cpu');
    const cpu = run(architecture, numTasks, pleLevels);
    await initBackend('wasm', { wasmPaths: nodeWasmPaths() });
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const wasm = run(architecture, numTasks, pleLevels);
    expect(tf.memory().numTensors).toBe(before);
    expect(wasm.logits).toEqual(cpu.logits.map((v) => expect.closeTo(v, 5)));
    expect(Object.keys(wasm.grads)).toEqual(Object.keys(cpu.grads));
    for (const k of Object.keys(cpu.grads)) expect(wasm.grads[k]).toEqual(cpu.grads[k].map((v) => expect.closeTo(v, 5)));
    // Gradients that are all zero would compare equal and prove nothing.
    expect(Object.values(wasm.grads).every((g) => g.some((v) => Math.abs(v) > 1e-6))).toBe(true);
  });
});
