/**
 * The exact min-norm weights of three task gradients computed on the device, for a whole population
 * at once: what `minNormWeights` does on the host, without reading the Gram matrices back (a sync
 * point every MGDA step). The minimum of αᵀGα on the simplex lies on one of its seven faces; each
 * face's candidate is computed in closed form and the lowest feasible value wins:
 *   vertex t:      α = e_t,                                      value G_tt
 *   edge {i, j}:   α_i = clip((G_jj − G_ij) / (G_ii + G_jj − 2G_ij), 0, 1), α_j = 1 − α_i
 *   interior:      α = adj(G)·1 / (1ᵀ·adj(G)·1)  (G⁻¹·1 normalised; det(G) cancels), kept only
 *                  when every α_t ≥ 0 and the denominator is not vanishing (G near singular).
 * Candidates are tried in the host solver's face order, so ties go the same way.
 */
import { tf, type Tensor, type Tensor2D, type Tensor3D } from '../engine/tf';

/** Float32 slack: an interior α_t above −SLACK counts as non-negative. */
const SLACK = 1e-6;

/**
 * @param M Gram matrices [P, 3, 3]
 * @returns the min-norm weights [P, 3] on the simplex, per member
 */
export function minNormWeights3(M: Tensor3D): Tensor2D {
  return tf.tidy(() => {
    const P = M.shape[0];
    if (M.shape[1] !== 3 || M.shape[2] !== 3) throw new Error(`minNormWeights3: needs [P, 3, 3] Gram matrices, got [${M.shape.join(', ')}]`);
    const g = (i: number, j: number) => tf.reshape(tf.slice(M, [0, i, j], [P, 1, 1]), [P]);
    const G = [0, 1, 2].map((i) => [0, 1, 2].map((j) => g(i, j)));
    const zero = tf.zeros([P]);
    const one = tf.ones([P]);
    // Vertices and edges always give a point of the simplex; only the interior can be infeasible.
    const vertex = (t: number) => ({ alpha: [0, 1, 2].map((k) => (k === t ? one : zero)), value: G[t][t], valid: null });
    const edge = (i: number, j: number) => {
      const denom = tf.maximum(tf.sub(tf.add(G[i][i], G[j][j]), tf.mul(2, G[i][j])), 1e-20);
      const a = tf.clipByValue(tf.div(tf.sub(G[j][j], G[i][j]), denom), 0, 1);
      const b = tf.sub(1, a);
      const value = tf.add(tf.add(tf.mul(tf.mul(a, a), G[i][i]), tf.mul(tf.mul(2, tf.mul(a, b)), G[i][j])), tf.mul(tf.mul(b, b), G[j][j]));
      return { alpha: [0, 1, 2].map((k) => (k === i ? a : k === j ? b : zero)), value, valid: null };
    };
    // Interior: the adjugate's row sums give G⁻¹·1 up to det(G).
    const cof = (r: number, c: number) => {
      const rows = [0, 1, 2].filter((k) => k !== r);
      const cols = [0, 1, 2].filter((k) => k !== c);
      const minor = tf.sub(tf.mul(G[rows[0]][cols[0]], G[rows[1]][cols[1]]), tf.mul(G[rows[0]][cols[1]], G[rows[1]][cols[0]]));
      return (r + c) % 2 === 0 ? minor : tf.neg(minor);
    };
    // adj(G)_tk = cofactor(k, t); (adj(G)·1)_t = Σ_k cofactor(k, t).
    const x = [0, 1, 2].map((t) => tf.addN([0, 1, 2].map((k) => cof(k, t))));
    const sum = tf.addN(x);
    const scale = tf.add(tf.add(tf.mul(G[0][0], G[1][1]), tf.mul(G[1][1], G[2][2])), tf.mul(G[0][0], G[2][2])); // the size of a cofactor
    const safe = tf.where(tf.greater(tf.abs(sum), 0), sum, one);
    const interiorAlpha = x.map((v) => tf.div(v, safe));
    const interiorValue = tf.addN([0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => tf.mul(tf.mul(interiorAlpha[i], interiorAlpha[j]), G[i][j]))));
    const nonNegative = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(interiorAlpha[0], -SLACK), tf.greaterEqual(interiorAlpha[1], -SLACK)), tf.greaterEqual(interiorAlpha[2], -SLACK));
    const interiorValid = tf.logicalAnd(nonNegative, tf.greater(tf.abs(sum), tf.mul(1e-7, tf.abs(scale))));
    const interior = { alpha: interiorAlpha.map((a) => tf.maximum(a, 0)), value: interiorValue, valid: interiorValid };
    // The host solver's face order: {0}, {1}, {0,1}, {2}, {0,2}, {1,2}, {0,1,2}.
    const faces: Array<{ alpha: Tensor[]; value: Tensor; valid: Tensor | null }> = [vertex(0), vertex(1), edge(0, 1), vertex(2), edge(0, 2), edge(1, 2), interior];
    const values = tf.stack(faces.map((f) => (f.valid ? tf.where(f.valid, f.value, tf.fill([P], Number.POSITIVE_INFINITY)) : f.value)), 1); // [P, 7]
    const pick = tf.oneHot(tf.argMin(values, 1), faces.length); // [P, 7]
    const alphas = tf.stack(faces.map((f) => tf.stack(f.alpha, 1)), 1); // [P, 7, 3]
    const alpha = tf.sum(tf.mul(tf.reshape(tf.cast(pick, 'float32'), [P, faces.length, 1]), alphas), 1) as Tensor2D;
    // Renormalise (the interior's clipped −SLACK entries).
    return tf.div(alpha, tf.sum(alpha, 1, true)) as Tensor2D;
  });
}
