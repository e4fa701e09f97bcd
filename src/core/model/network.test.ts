import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor2D, type Tensor3D } from '../engine/tf';
import { ARCHITECTURES } from './config';
import { MultiTaskNet } from './network';
import { addBias, embeddingLookup } from './ops';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('embeddingLookup', () => {
  it('has the same gradient as gather, duplicates summed', () => {
    const table = tf.variable(tf.randomNormal([6, 3], 0, 1, 'float32', 1));
    const idx = tf.tensor1d([0, 2, 2, 5, 0, 0], 'int32');
    const w = tf.randomNormal([6, 3], 0, 1, 'float32', 2);
    const ours = tf.variableGrads(() => tf.sum(tf.mul(embeddingLookup(table as unknown as Tensor2D, idx), w)) as tf.Scalar, [table]);
    const reference = tf.variableGrads(() => tf.sum(tf.mul(tf.gather(table, idx), w)) as tf.Scalar, [table]);
    expect(Array.from(ours.grads[table.name].dataSync())).toEqual(
      Array.from(reference.grads[table.name].dataSync()).map((v) => expect.closeTo(v, 5)),
    );
    tf.dispose([table, idx, w, ours.value, reference.value, ...Object.values(ours.grads), ...Object.values(reference.grads)]);
  });
});

describe('addBias', () => {
  it.each([[1], [3]])('P = %i: the value and both gradients of a broadcast add', (P) => {
    const x = tf.variable(tf.randomNormal([P, 7, 4], 0, 1, 'float32', 3));
    const b = tf.variable(tf.randomNormal([P, 1, 4], 0, 1, 'float32', 4));
    const w = tf.randomNormal([P, 7, 4], 0, 1, 'float32', 5);
    const f = (add: (x: Tensor3D, b: Tensor3D) => Tensor3D) => tf.variableGrads(() => tf.sum(tf.mul(tf.square(add(x as unknown as Tensor3D, b as unknown as Tensor3D)), w)) as tf.Scalar, [x, b]);
    const ours = f(addBias);
    const reference = f((xi, bi) => tf.add(xi, bi) as Tensor3D);
    expect(ours.value.dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0], 4);
    for (const v of [x, b]) {
      expect(ours.grads[v.name].shape).toEqual(v.shape);
      expect(Array.from(ours.grads[v.name].dataSync())).toEqual(Array.from(reference.grads[v.name].dataSync()).map((g) => expect.closeTo(g, 4)));
    }
    tf.dispose([x, b, w, ours.value, reference.value, ...Object.values(ours.grads), ...Object.values(reference.grads)]);
  });
});

describe('MultiTaskNet', () => {
  for (const architecture of ARCHITECTURES) {
    for (const pleLevels of architecture === 'ple' ? [1, 2] : [1]) {
      it(`${architecture}${architecture === 'ple' ? ` (${pleLevels} levels)` : ''}: logits [P, T, B], gates where it has them, no leaked tensors`, () => {
        const before = tf.memory().numTensors;
        const net = new MultiTaskNet(
          { architecture, numTasks: 2, categoricalVocab: [5, 7], denseDim: 3, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 5, pleLevels, pleExperts: 2, numPositions: 0 },
          1,
        );
        const inputs = {
          // Rows of the combined table: input 0 has rows 0–4, input 1 rows 5–11.
          categorical: tf.tensor2d([[0, 11], [1, 5], [4, 8], [2, 8]], [4, 2], 'int32') as Tensor2D,
          dense: tf.randomNormal([4, 3]) as Tensor2D,
        };
        tf.tidy(() => {
          const out = net.forward(inputs, { training: true, dropout: 0.2, seed: 3 });
          expect(out.logits.shape).toEqual([1, 2, 4]);
          if (['omoe', 'mmoe', 'ple'].includes(architecture)) {
            const g = out.gateMeans!.arraySync()[0];
            const perGate = architecture === 'ple' ? 4 : 3;
            expect(g.length).toBe(architecture === 'omoe' ? 1 : 2);
            for (const row of g) {
              expect(row).toHaveLength(perGate);
              expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
            }
          } else {
            expect(out.gateMeans).toBeNull();
          }
          // Gradients reach every parameter.
          const { grads } = tf.variableGrads(() => tf.sum(net.forward(inputs, { training: false, dropout: 0, seed: 0 }).logits) as tf.Scalar, net.params.list());
          expect(Object.keys(grads)).toHaveLength(net.params.list().length);
        });
        tf.dispose([inputs.categorical, inputs.dense]);
        net.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  it('shares parameters only where the architecture does', () => {
    const spec = { numTasks: 2, categoricalVocab: [5], denseDim: 2, embeddingDim: 2, numExperts: 2, expertUnits: 3, towerUnits: 2, pleLevels: 1, pleExperts: 1, numPositions: 0 };
    const single = new MultiTaskNet({ ...spec, architecture: 'single-task' }, 1);
    const bottom = new MultiTaskNet({ ...spec, architecture: 'shared-bottom' }, 1);
    expect(single.params.shared.size).toBe(0);
    expect([...bottom.params.shared].sort()).toEqual(['bottomB', 'bottomW', 'emb']);
    expect(bottom.lastShared).toBe('bottomW');
    single.dispose();
    bottom.dispose();
  });

  // A parameter is tagged shared exactly when both task heads' outputs depend on it; a task-specific
  // parameter (a tower, a gate, PLE's last-level task experts) has each element reached by one task at most.
  for (const [architecture, pleLevels] of [...ARCHITECTURES.map((a) => [a, 1] as const), ['ple', 2] as const]) {
    it(`${architecture}${architecture === 'ple' ? ` (${pleLevels} levels)` : ''}: shared tags match which task outputs reach each parameter`, () => {
      const net = new MultiTaskNet(
        // With the shallow position tower: its bias table must come out task-private too.
        { architecture, numTasks: 2, categoricalVocab: [5, 7], denseDim: 3, embeddingDim: 4, numExperts: 3, expertUnits: 6, towerUnits: 5, pleLevels, pleExperts: 2, numPositions: 4 },
        3,
      );
      // 24 examples touching every embedding row several times, so no row's path is dead by chance.
      const rows = Array.from({ length: 24 }, (_, r) => [r % 5, 5 + (r % 7)]);
      const inputs = {
        categorical: tf.tensor2d(rows, [24, 2], 'int32') as Tensor2D,
        dense: tf.randomNormal([24, 3], 0, 1, 'float32', 5) as Tensor2D,
        position: tf.tensor1d(rows.map((_, r) => 1 + (r % 3)), 'int32'),
      };
      const vars = net.params.list();
      const perTask = [0, 1].map((t) => {
        const out = new Map<string, number[]>();
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.sum(tf.slice(net.forward(inputs, { training: false, dropout: 0, seed: 0 }).logits, [0, t, 0], [1, 1, -1])) as tf.Scalar, vars);
          for (const v of vars) out.set(v.name, grads[v.name] ? Array.from(grads[v.name].dataSync()) : new Array<number>(v.size).fill(0));
        });
        return out;
      });
      for (const [name, v] of net.params.vars) {
        const [g0, g1] = perTask.map((m) => m.get(v.name)!);
        const both = g0.some((x, j) => x !== 0 && g1[j] !== 0);
        const onlyOne = g0.findIndex((x, j) => (x !== 0) !== (g1[j] !== 0));
        if (net.params.shared.has(name)) {
          expect(both, `${name} is tagged shared but no element is reached by both tasks`).toBe(true);
          expect(onlyOne, `${name} is tagged shared but element ${onlyOne} is reached by one task only`).toBe(-1);
        }
        else expect(both, `${name} is tagged task-specific but both tasks reach it`).toBe(false);
      }
      expect(net.params.vars.has('positionBias')).toBe(true);
      tf.dispose([inputs.categorical, inputs.dense, inputs.position]);
      net.dispose();
    });
  }
});
