/// <reference lib="webworker" />
/**
 * A second worker beside the playground's (see sweepHelperApi.ts). WASM kernels here run on one
 * thread, so a sweep split between this worker and the playground worker uses two cores; during a
 * single run it judges the run's reference policies on the otherwise idle second core.
 */
import * as Comlink from 'comlink';
import { GroupProgress, trainPopulation, type PositionReport } from '../core/experiment/population';
import { ReferenceJudge } from '../core/experiment/references';
import { TrainingControl } from '../core/train/control';
import type { HelperEvents, HelperResult, SweepHelperApi } from './sweepHelperApi';
import { WASM_PATHS } from './wasmPaths';

/** Least time between two progress calls. */
const PROGRESS_INTERVAL_MS = 100;

let control = new TrainingControl();
/** The last world this worker generated: the references it judges and the sweep shares it trains share it. */
const judge = new ReferenceJudge();

const api: SweepHelperApi = {
  ping: () => true,
  async train(configs: unknown[], memoryBudget: number, events: HelperEvents): Promise<HelperResult[]> {
    control = new TrainingControl();
    let last = 0;
    const progress: PositionReport = (at, stage, force) => {
      const now = performance.now();
      if (!force && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      void events.progress(at, stage);
    };
    try {
      const trained = await trainPopulation(
        configs,
        { control, worlds: judge.worlds, memoryBudget, membersField: 'the number of sweep points', ...new GroupProgress().hooks(progress) },
        { wasmPaths: WASM_PATHS },
      );
      return trained.map(({ result, model }) => {
        const values = model ? model.exportValues() : null;
        model?.dispose();
        return { result, values };
      });
    } finally {
      (events as unknown as Comlink.Remote<object>)[Comlink.releaseProxy]?.();
    }
  },
  cancel() {
    control.cancel();
  },
  async judgeReferences(config: unknown) {
    return judge.judge(config);
  },
};

Comlink.expose(api);
