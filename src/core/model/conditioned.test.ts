/**
 * The weight-conditioned network (`NetSpec.conditionDim`): its condition acts exactly as inputs
 * concatenated to the input row, `atCondition` fixes it into an ordinary network with the same
 * outputs, members of a population run at their own conditions, and misuse is refused by name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, type Tensor, type Tensor2D } from '../engine/tf';
import { ARCHITECTURES } from './config';
import { MultiTaskNet, type NetSpec } from './network';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const spec = (architecture: NetSpec['architecture'], pleLevels = 1): NetSpec => ({
  architecture,
  numTasks: 3,
  categoricalVocab: [],
  denseDim: 4,
  embeddingDim: 4,
  numExperts: 3,
  expertUnits: 6,
  towerUnits: 5,
  pleLevels,
  pleExperts: 2,
  numPositions: 0,
});

/** Every parameter set to seeded random values (the condition kernels start at zero, which would test nothing). */
function randomise(net: MultiTaskNet, seed: number): void {
  let s = seed;
  for (const v of net.params.list()) tf.tidy(() => v.assign(tf.randomNormal(v.shape, 0, 0.5, 'float32', s++)));
}

const logits = (net: MultiTaskNet, x: Tensor2D, condition?: Tensor2D) =>
  tf.tidy(() => net.forward({ categorical: tf.zeros([x.shape[0], 0], 'int32') as Tensor2D, dense: x }, { training: false, dropout: 0, seed: 0, condition }).logits.arraySync());

const cases = ARCHITECTURES.flatMap((a) => (a === 'ple' ? [[a, 1], [a, 2]] : [[a, 1]]) as Array<[NetSpec['architecture'], number]>);

describe('weight-conditioned network', () => {
  for (const [architecture, levels] of cases) {
    const name = `${architecture}${architecture === 'ple' ? ` (${levels} levels)` : ''}`;

    it(`${name}: the condition acts as inputs concatenated to the row; atCondition gives the same logits`, () => {
      const before = tf.memory().numTensors;
      const C = 3;
      const net = new MultiTaskNet({ ...spec(architecture, levels), conditionDim: C }, 1);
      randomise(net, 10);
      const x = tf.randomNormal([7, 4], 0, 1, 'float32', 3) as Tensor2D;
      const c = [0.2, 0.5, 0.3];
      const cond = tf.tensor2d([c]);
      const conditioned = logits(net, x, cond);

      // The same network written the plain way: the condition as three more dense inputs, each
      // input layer's kernel [W; W_c].
      const wide = new MultiTaskNet({ ...spec(architecture, levels), denseDim: 4 + C }, 1);
      tf.tidy(() => {
        for (const [n, v] of wide.params.vars) {
          const own = net.params.get(n);
          if (v.shape.join() === own.shape.join()) {
            v.assign(own);
            continue;
          }
          // An input layer's kernel: its bias's condition kernel joins it along the input axis.
          const bias = net.params.get(n.replace(/W$/, 'B'));
          const wc = tf.reshape(net.params.get(`${bias.name.split('/')[1]}Cond`), [1, C, ...bias.shape.slice(1)]);
          const rows: Tensor = bias.rank === 2 ? wc : tf.transpose(wc, [0, 2, 1, 3]);
          v.assign(tf.concat([own, rows], bias.rank === 2 ? 1 : 2));
        }
      });
      const xc = tf.tidy(() => tf.concat([x, tf.tile(cond, [7, 1])], 1) as Tensor2D);
      expect(logits(wide, xc).flat(2)).toEqual(conditioned.flat(2).map((v) => expect.closeTo(v, 4)));

      const fixed = net.atCondition(c);
      expect(fixed.conditionDim).toBe(0);
      expect(logits(fixed, x).flat(2)).toEqual(conditioned.flat(2).map((v) => expect.closeTo(v, 4)));
      // Another condition gives other logits (the condition is read).
      const other = tf.tensor2d([[0.9, 0.05, 0.05]]);
      expect(logits(net, x, other).flat(2)).not.toEqual(conditioned.flat(2));

      tf.dispose([x, cond, xc, other]);
      [net, wide, fixed].forEach((n) => n.dispose());
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('starts as the unconditioned network of its seed (condition kernels at zero, every other parameter the same)', () => {
    const net = new MultiTaskNet({ ...spec('mmoe'), conditionDim: 2 }, 5);
    const plain = new MultiTaskNet(spec('mmoe'), 5);
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 9) as Tensor2D;
    expect(logits(net, x, tf.tensor2d([[0.3, 0.7]]))).toEqual(logits(plain, x));
    expect([...net.params.vars.keys()].filter((k) => k.endsWith('Cond')).sort()).toEqual(['expertBCond', 'gateBCond']);
    x.dispose();
    net.dispose();
    plain.dispose();
  });

  it('runs each member of a population at its own condition, as that member alone', () => {
    const net = new MultiTaskNet({ ...spec('mmoe'), conditionDim: 3 }, [1, 2]);
    randomise(net, 20);
    const x = tf.randomNormal([6, 4], 0, 1, 'float32', 4) as Tensor2D;
    const conds = [
      [0.6, 0.3, 0.1],
      [0.1, 0.1, 0.8],
    ];
    const both = logits(net, x, tf.tensor2d(conds));
    for (let p = 0; p < 2; p++) {
      const one = net.member(p);
      const fixed = one.atCondition(conds[p]);
      expect(logits(fixed, x)[0].flat()).toEqual(both[p].flat().map((v) => expect.closeTo(v, 4)));
      one.dispose();
      fixed.dispose();
    }
    x.dispose();
    net.dispose();
  });

  it('refuses misuse by name', () => {
    const net = new MultiTaskNet({ ...spec('shared-bottom'), conditionDim: 2 }, 1);
    const plain = new MultiTaskNet(spec('shared-bottom'), 1);
    const x = tf.zeros([2, 4]) as Tensor2D;
    expect(() => logits(net, x)).toThrow(/runs at a weighting/);
    expect(() => logits(plain, x, tf.tensor2d([[0.5, 0.5]]))).toThrow(/reads no weight condition/);
    expect(() => logits(net, x, tf.tensor2d([[0.2, 0.3, 0.5]]))).toThrow(/the condition is \[1,3\]/);
    expect(() => net.firstLayers(0)).toThrow(/atCondition first/);
    expect(() => net.atCondition([1])).toThrow(/needs 2 finite shares/);
    expect(() => plain.atCondition([0.5, 0.5])).toThrow(/reads no condition/);
    x.dispose();
    net.dispose();
    plain.dispose();
  });
});
