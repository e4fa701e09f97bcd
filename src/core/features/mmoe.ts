/** The MMoE regression world as model inputs: x is dense, and the two labels are the two tasks. */
import type { MmoeWorld } from '../world';
import type { EncodedData } from './encoded';

export function encodeMmoeWorld(world: MmoeWorld): EncodedData {
  return {
    size: world.size,
    categorical: [],
    dense: world.x,
    denseDim: world.config.inputDim,
    tasks: [
      { name: 'y1', kind: 'regression' },
      { name: 'y2', kind: 'regression' },
    ],
    labels: [world.y1, world.y2],
    split: world.split,
    group: Int32Array.from({ length: world.size }, (_, i) => i),
  };
}
