/**
 * What `npm run bench:population` measures, on whichever backend is active (Node or a page): the
 * training throughput of P models of one config trained as one population against the same P
 * models trained one after another, on the default shopper world, through the product's Trainer.
 * Each measurement skips a warm-up window and times the next `steps` steps.
 */
import { tf } from '../../src/core/engine/tf';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import type { EncodedData } from '../../src/core/features';
import type { Architecture } from '../../src/core/model/config';
import { MultiTaskNet, netSpecFor } from '../../src/core/model/network';
import { Trainer } from '../../src/core/train/trainer';

export interface PopulationFigures {
  architecture: Architecture;
  members: number;
  /** Samples per second of P single models trained one after another (total samples ÷ total time). */
  sequential: number;
  /** Samples per second of the population (P × batch per step). */
  population: number;
  /** population ÷ sequential. */
  speedUp: number;
  /** Kernels one training step launches: a single model, and the population. */
  kernelsSingle: number;
  kernelsPopulation: number;
}

const defaults = parseExperimentConfig({});
/** Steps per telemetry window; the first window is warm-up. */
const WINDOW = 10;

function trainerFor(data: EncodedData, architecture: Architecture, seeds: number[]): { trainer: Trainer; net: MultiTaskNet } {
  const net = new MultiTaskNet(netSpecFor({ ...defaults.model, architecture }, data), seeds);
  const trainer = new Trainer({
    net,
    data,
    mode: architecture === 'esmm' ? 'esmm' : 'ctcvr',
    training: { ...defaults.training, epochs: 100, telemetryEvery: WINDOW },
    weighting: defaults.weighting,
    members: seeds.map((seed) => ({ seed, weights: defaults.weighting.weights })),
  });
  return { trainer, net };
}

/** Seconds for `steps` steps after one warm-up window. */
async function timedSteps(data: EncodedData, architecture: Architecture, seeds: number[], steps: number): Promise<number> {
  const { trainer, net } = trainerFor(data, architecture, seeds);
  let windows = 0;
  let t0 = 0;
  let t1 = 0;
  const windowsWanted = 1 + Math.ceil(steps / WINDOW);
  await trainer.runMembers({
    onTelemetry: (_s, member) => {
      if (member !== 0) return;
      windows++;
      if (windows === 1) t0 = performance.now();
      if (windows === windowsWanted) t1 = performance.now();
    },
    isCancelled: () => windows >= windowsWanted,
  });
  trainer.dispose();
  net.dispose();
  return (t1 - t0) / 1000;
}

/**
 * Kernels launched by one ordinary training step (batch gather, forward, backward, optimizer) of
 * the population `seeds` (one seed: a single model), plus the read-back of its losses that the loop
 * otherwise does once per telemetry window.
 */
export async function kernelsPerStep(data: EncodedData, architecture: Architecture, seeds: number[]): Promise<number> {
  const { trainer, net } = trainerFor(data, architecture, seeds);
  let checks = 0;
  const info = await tf.profile(async () => {
    await trainer.runMembers({ isCancelled: () => ++checks > 1 });
    return [];
  });
  trainer.dispose();
  net.dispose();
  return info.kernels.length;
}

export async function measurePopulation(data: EncodedData, architecture: Architecture, members: number, steps: number): Promise<PopulationFigures> {
  const seeds = Array.from({ length: members }, (_, p) => p + 1);
  const samples = Math.ceil(steps / WINDOW) * WINDOW * defaults.training.batchSize;
  let sequentialSeconds = 0;
  for (const seed of seeds) sequentialSeconds += await timedSteps(data, architecture, [seed], steps);
  const populationSeconds = await timedSteps(data, architecture, seeds, steps);
  const sequential = (members * samples) / sequentialSeconds;
  const population = (members * samples) / populationSeconds;
  return {
    architecture,
    members,
    sequential,
    population,
    speedUp: population / sequential,
    kernelsSingle: await kernelsPerStep(data, architecture, [1]),
    kernelsPopulation: await kernelsPerStep(data, architecture, seeds),
  };
}
