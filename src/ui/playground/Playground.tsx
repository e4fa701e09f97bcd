/**
 * The playground page: settings on the left; transport, live charts, results, pinned runs, the
 * weight sweep and the shopper inspector on the right. All training happens in one worker; this
 * component only wires state together and renders what the engine sends.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BackendChoice } from '../../core/engine/backends';
import { taskNames, type ExperimentConfig } from '../../core/experiment/config';
import { sweepTrainsOnce } from '../../core/experiment/sweep';
import { BROWSER_MEMORY_BUDGET, budgetProblem, estimateCost, formatBytes, formatDuration } from '../../core/experiment/cost';
import { AucChart, CosineChart, GateChart, LossChart, WeightsChart } from '../charts/LiveCharts';
import { BackendBadge } from '../controls/BackendBadge';
import { ConfigPanel } from '../controls/ConfigPanel';
import { CopyLink } from '../controls/CopyLink';
import { Transport } from '../controls/Transport';
import { downloadText } from '../export';
import { Inspector, type ModelOption } from '../inspector/Inspector';
import { RerankPanel } from '../rerank/RerankPanel';
import { useTradeoff } from '../rerank/useTradeoff';
import { ChartCaptions } from '../charts/ChartCard';
import { ScenarioPicker } from '../teach/ScenarioPicker';
import { TeachDrawer } from '../teach/TeachDrawer';
import { usePresenter } from '../teach/usePresenter';
import { useTeachLog } from '../teach/useTeachLog';
import type { LessonStep } from '../../core/teach/lessons';
import { scenarioById, scenarioConfig } from '../../core/teach/scenarios';
import { KeptRuns, RestoredNotice, restoredNotice, useKeptRuns } from './KeptRuns';
import { Notices } from './Notices';
import { clearSaved, type LoadedSession } from './savedRuns';
import { OutcomeStrip } from './OutcomeStrip';
import { PinnedRuns } from './PinnedRuns';
import { runName, type PinnedRun } from './pins';
import { ResultSummary } from './ResultSummary';
import { runCsv, runJson } from './runExport';
import { SweepPanel } from './SweepPanel';
import { RunStore } from './runStore';
import { LiveView, useTraining } from './useTraining';
import { useConditionedFollow, useSettingsHandlers } from './useSettingsHandlers';
import { useSweep } from './useSweep';
import { useUrlConfig } from './useUrlConfig';
import { WorkerClient } from './workerClient';
import type { SweepPointResult } from '../../worker/playgroundApi';

export function Playground({ saved = null }: { saved?: LoadedSession | null }) {
  const url = useUrlConfig();
  const { config } = url;
  const [crash, setCrash] = useState<string | null>(null);
  // A crash also rejects every pending call, so the run, sweep and inspector show their own errors.
  const [client] = useState(() => new WorkerClient(setCrash));
  useEffect(() => () => client.terminate(), [client]);

  // Pinned runs kept from the last visit come back without their models (those lived in the worker).
  const [pins, setPins] = useState<PinnedRun[]>(() => (saved?.session.pins ?? []).map((p) => ({ ...p, config: p.result.config, modelId: null })));
  const pinnedIds = useRef(new Set<string>());
  const isKept = useCallback((id: string) => pinnedIds.current.has(id), []);
  const training = useTraining(client, isKept);
  const sweep = useSweep(client, isKept);
  const [delayMs, setDelayMs] = useState(0);
  const [preparedFor, setPreparedFor] = useState<{ backend: string; choice: BackendChoice } | null>(null);
  const [focus, setFocus] = useState<{ modelId: string; nonce: number } | null>(null);
  const [selectedPoint, setSelectedPoint] = useState<number | null>(null);
  // Run numbers go on from the last visit's (the run on screen then is the newest kept).
  const [runNumber, setRunNumber] = useState(() => saved?.session.latest?.id ?? saved?.session.lastRun ?? 0);
  const tradeoff = useTradeoff(client);
  const [learnOpen, setLearnOpen] = useState(false);

  const { phase } = training.state;
  const active = phase === 'running' || phase === 'paused';
  const sweeping = sweep.state.phase === 'running';
  const worldKind = config.world.kind;
  const auxiliary = config.model.auxiliaryTask;
  const funnel = config.world.kind === 'shopper' ? config.world.funnel : undefined;
  const tasks = useMemo(() => taskNames({ kind: worldKind, funnel }, auxiliary), [worldKind, funnel, auxiliary]);
  // Before the first run the charts are drawn empty, so the first screen shows where the curves
  // will appear.
  const idleStore = useMemo(() => new RunStore(tasks), [tasks]);

  // The backend badge is right before the first run: the worker initialises the chosen backend.
  const backendSetting = config.training.backend;
  const prepared = preparedFor?.backend === backendSetting ? preparedFor.choice : null;
  useEffect(() => {
    let live = true;
    client.call((api) => api.prepareBackend(backendSetting)).then(
      (choice) => live && setPreparedFor({ backend: backendSetting, choice }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, backendSetting]);

  // Play refuses, with the reason, a settings box showing an error (the config still holds the
  // last valid value, which is not what the box shows) and a config that does not fit in memory.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const onFieldError = useCallback((id: string, error: string | null) => {
    setFieldErrors((prev) => {
      if ((prev[id] ?? null) === error) return prev;
      const next = { ...prev };
      if (error) next[id] = error;
      else delete next[id];
      return next;
    });
  }, []);
  const cost = useMemo(() => estimateCost(config), [config]);
  const budget = budgetProblem(cost, BROWSER_MEMORY_BUDGET, prepared?.backend ?? config.training.backend);
  const firstFieldError = Object.values(fieldErrors)[0];
  const blocked = firstFieldError ? `Fix the setting first: ${firstFieldError}` : budget;

  const start = (c: ExperimentConfig, paused = false) => {
    setCrash(null);
    setRunNumber((n) => n + 1);
    training.start(c, { paused, delayMs });
  };
  const play = () => (phase === 'paused' ? training.resume() : blocked ? undefined : start(config));
  const stepWith = (fn: () => void) => () => {
    if (phase !== 'paused') {
      if (blocked) return;
      start(config, true);
    }
    fn();
  };

  // Leaving or reloading the page mid-run or mid-sweep loses that work: the browser asks first.
  useEffect(() => {
    if (!active && !sweeping) return;
    const onLeave = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [active, sweeping]);

  // Space plays and pauses when no control has the focus.
  const playRef = useRef(play);
  useEffect(() => {
    playRef.current = phase === 'running' ? training.pause : play;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.target !== document.body || sweeping) return;
      e.preventDefault();
      playRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [sweeping]);

  const outcome = training.state.outcome;
  const result = outcome?.result ?? null;
  const runConfig = training.state.config ?? config;
  const log = useTeachLog(result, runNumber, result ? runName(runNumber, result.config) : '', tradeoff.state.result, saved?.session);
  // The run on screen when the page was left comes back with its results and charts.
  const { restore } = training;
  useEffect(() => {
    const latest = saved?.session.latest;
    const run = latest && saved.session.runs.find((r) => r.id === latest.id);
    if (latest && run) restore(run.result, latest.view);
  }, [saved, restore]);
  const latestView = useMemo(() => (result && training.store && phase === 'finished' ? { id: runNumber, view: training.store.view() } : null), [result, training.store, phase, runNumber]);
  const kept = useKeptRuns({ loaded: saved, log, pins, lastRun: runNumber, latest: latestView });
  const [restored, setRestored] = useState(() => restoredNotice(saved));
  const forgetSaved = () => {
    for (const p of pins) if (p.modelId) unpin(p.id);
    setPins([]);
    log.forget();
    training.reset();
    setRestored(null);
    clearSaved().then(kept.setError);
  };
  const teachCtx = useMemo(() => ({ runs: log.runs, tradeoff: tradeoff.state.result ? { result: tradeoff.state.result, ranking: config.ranking } : null }), [log.runs, tradeoff.state.result, config.ranking]);
  const finalGates = useMemo(() => (result && training.store ? training.store.view().gates : null), [result, training.store]);
  const presenter = usePresenter(result, finalGates, tasks, log.runs);

  const pin = () => {
    if (!result || !training.store) return;
    if (outcome?.modelId) pinnedIds.current.add(outcome.modelId);
    setPins((p) => [...p, { id: runNumber, name: runName(runNumber, result.config), config: result.config, result, view: training.store!.view(), modelId: outcome?.modelId ?? null }]);
  };
  const unpin = (id: number) => {
    const p = pins.find((q) => q.id === id);
    if (p?.modelId) {
      pinnedIds.current.delete(p.modelId);
      if (p.modelId !== outcome?.modelId) client.send((api) => api.releaseModel(p.modelId!));
    }
    setPins((all) => all.filter((q) => q.id !== id));
  };

  const models = useMemo<ModelOption[]>(() => {
    const out: ModelOption[] = [];
    if (outcome?.modelId && result?.config.world.kind === 'shopper' && !pins.some((p) => p.modelId === outcome.modelId)) {
      out.push({ id: outcome.modelId, label: `Latest: ${runName(runNumber, result.config)}` });
    }
    for (const p of pins) if (p.modelId && p.config.world.kind === 'shopper') out.push({ id: p.modelId, label: `Pinned: ${p.name}` });
    if (sweep.state.config?.world.kind === 'shopper') {
      for (const p of sweep.state.points) if (p.modelId) out.push({ id: p.modelId, label: `Sweep: ${p.label}` });
    }
    return out;
  }, [outcome, result, pins, sweep.state, runNumber]);

  // The outcome strip compares with the latest pinned run, else with the run before this one.
  const outcomeBaseline = useMemo(() => {
    const pinned = pins.filter((p) => p.id !== runNumber).at(-1);
    if (pinned) return { name: `pinned ${pinned.name}`, result: pinned.result };
    const previous = log.runs.filter((r) => r.id !== runNumber).at(-1);
    return previous ? { name: `the previous run (${previous.name})`, result: previous.result } : null;
  }, [pins, log.runs, runNumber]);
  // A pinned run is drawn over the runs after it, not over itself.
  const overlayPins = useMemo(() => pins.filter((p) => p.id !== runNumber), [pins, runNumber]);
  const divergence = result?.training.divergence ?? null;
  const lowerLr = () => {
    const lr = Number((runConfig.training.learningRate / 10).toPrecision(3));
    if (url.apply({ ...config, training: { ...config.training, learningRate: lr } }, 'push')) start({ ...config, training: { ...config.training, learningRate: lr } });
  };

  // Stable callbacks for the memoised panels: they read the latest state through a ref, so the
  // settings panel, pinned runs and inspector do not redraw with every sweep progress tick.
  const latest = useRef({ config, active, runConfig, apply: url.apply, loadScenario: url.loadScenario, setWeights: training.setWeights, reweigh: training.reweigh, unpin });
  useEffect(() => {
    latest.current = { config, active, runConfig, apply: url.apply, loadScenario: url.loadScenario, setWeights: training.setWeights, reweigh: training.reweigh, unpin };
  });
  const { onFieldChange, onWorldKind, onLiveWeights, onRanking, onRankingMany } = useSettingsHandlers(latest);
  useConditionedFollow(latest, phase === 'finished');
  const onUnpin = useCallback((id: number) => latest.current.unpin(id), []);
  const onLoadScenario = useCallback((id: string) => {
    // A scenario replaces the settings and stops the run in progress: ask first, never silently.
    if (latest.current.active && !confirm('Loading a scenario stops the run in progress. Load it anyway?')) return;
    training.reset();
    latest.current.loadScenario(id);
  }, [training]);
  // A lesson step: load its scenario, then apply its changes over the settings that result.
  const onLessonApply = useCallback((apply: NonNullable<LessonStep['apply']>) => {
    const { config: c, apply: applyConfig, loadScenario } = latest.current;
    const s = apply.scenario ? scenarioById(apply.scenario) : undefined;
    if (s) loadScenario(s.id);
    if (!apply.config) return;
    const base = (s ? scenarioConfig(s) : c) as unknown as Record<string, Record<string, unknown>>;
    const next: Record<string, Record<string, unknown>> = { ...base };
    for (const [section, values] of Object.entries(apply.config)) next[section] = { ...base[section], ...values };
    // After a scenario (its own entry) the step's changes amend that entry; alone they are one.
    applyConfig(next, s ? 'replace' : 'push');
  }, []);
  const onSelectPoint = useCallback((p: SweepPointResult) => {
    setSelectedPoint(p.index);
    if (p.modelId) setFocus({ modelId: p.modelId, nonce: Date.now() });
    document.getElementById('inspector-title')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  return (
    <div className={['playground', presenter.on ? 'presenter' : '', learnOpen ? 'drawer-open' : ''].filter(Boolean).join(' ')}>
      <header className="header app-header">
        <div>
          <h1>Multi-task Recommender Playground</h1>
          <p className="tagline">Train small multi-task recommenders in your browser and watch the trade-offs.</p>
        </div>
        <div className="header-actions">
          <BackendBadge choice={training.state.backend ?? prepared} pending={!prepared && !crash} />
          <button type="button" className="secondary" aria-expanded={learnOpen} aria-controls="teach-drawer" onClick={() => setLearnOpen(!learnOpen)}>
            Lessons and practice
          </button>
          <button type="button" className="secondary" aria-pressed={presenter.on} onClick={presenter.toggle}>
            Presenter mode
          </button>
          <CopyLink />
          <button
            type="button"
            className="secondary"
            disabled={sweeping}
            title={sweeping ? SWEEP_LOCK : undefined}
            onClick={() => {
              training.reset();
              url.reset();
            }}
          >
            Reset to defaults
          </button>
        </div>
      </header>
      <RestoredNotice text={restored} onDismiss={() => setRestored(null)} />
      <Notices ignored={url.ignored} onDismissIgnored={url.dismissIgnored} problem={url.problem} onDismissProblem={url.dismissProblem} crash={crash} />
      <div className="layout">
        <aside className="sidebar card">
          <h2>Settings</h2>
          <ConfigPanel
            config={config}
            tasks={tasks}
            disabled={sweeping}
            onChange={onFieldChange}
            onWorldKind={onWorldKind}
            onLiveWeights={onLiveWeights}
            onFieldError={onFieldError}
          />
          <p className="muted small">Changes apply to the next run; the task weights of a fixed weighting also move the run in progress.</p>
        </aside>
        <main className="main">
          <ScenarioPicker current={url.scenario} onLoad={onLoadScenario} disabled={sweeping} runs={log.runs} />
          <section className="card" aria-label="Training" data-testid="training-card">
            <LiveView store={training.store}>
              {(view) => (
            <Transport
              state={training.state}
              view={view}
              delayMs={delayMs}
              busy={sweeping}
              blocked={phase === 'paused' ? null : blocked}
              estimate={`about ${formatBytes(cost.bytes)}, ${formatDuration(cost.seconds.total)} on a 2-core CPU`}
              secondsLeft={training.store?.secondsLeft() ?? null}
              onPlay={play}
              onPause={training.pause}
              onStep={stepWith(training.step)}
              onStepEpoch={stepWith(training.stepEpoch)}
              onReset={sweeping ? undefined : training.reset}
              onSpeed={(ms) => {
                setDelayMs(ms);
                training.setDelay(ms);
              }}
            />
              )}
            </LiveView>
            {result && <OutcomeStrip result={result} against={outcomeBaseline} />}
            {sweeping && <p className="muted small">A sweep is training; single runs wait until it ends.</p>}
            {training.state.error && (
              <div role="alert" className="banner error" data-testid="run-error">
                <strong>Training stopped.</strong> {training.state.error}
              </div>
            )}
            {divergence && (
              <div role="alert" className="banner warn" data-testid="divergence">
                <p>
                  <strong>Training diverged and was stopped.</strong> {divergence.message}
                </p>
                <button type="button" onClick={lowerLr}>
                  Train again with learning rate {Number((runConfig.training.learningRate / 10).toPrecision(3))}
                </button>
              </div>
            )}
          </section>
          {presenter.headline && (
            <p className="caption headline" data-testid="presenter-headline">
              {presenter.headline}
            </p>
          )}
          <ChartCaptions.Provider value={presenter.captions}>
          <LiveView store={training.store ?? idleStore}>
            {(view) =>
              view && (
                <div className="grid charts">
                  <LossChart view={view} pins={overlayPins} running={phase === 'running'} />
                  <AucChart view={view} pins={overlayPins} running={phase === 'running'} />
                  <WeightsChart view={view} strategy={runConfig.weighting.strategy} running={phase === 'running'} />
                  <CosineChart view={view} running={phase === 'running'} />
                  <GateChart view={view} architecture={runConfig.model.architecture} />
                </div>
              )
            }
          </LiveView>
          </ChartCaptions.Provider>
          {result && (
            <ResultSummary
              result={result}
              referencesBeside={outcome?.referencesBeside}
              moving={outcome?.modelId ? { weights: training.state.reweighing, error: training.state.reweighError } : undefined}
              actions={
                <>
                  <button type="button" className="secondary" onClick={pin} disabled={pins.some((p) => p.id === runNumber)}>
                    Pin this run
                  </button>
                  <button type="button" className="secondary" onClick={() => downloadText(`run-${runNumber}.json`, runJson(result, training.store), 'application/json')}>
                    Export JSON
                  </button>
                  <button type="button" className="secondary" onClick={() => training.store && downloadText(`run-${runNumber}.csv`, runCsv(training.store), 'text/csv')}>
                    Export CSV
                  </button>
                </>
              }
            />
          )}
          <PinnedRuns pins={pins} current={config} currentResult={result} onUnpin={onUnpin} />
          <KeptRuns session={kept.session} bytes={kept.bytes} error={kept.error} disabled={active || sweeping} onForget={forgetSaved} />
          <SweepPanel
            state={sweep.state}
            tasks={tasks}
            disabled={active || blocked !== null}
            conditioned={sweepTrainsOnce(config)}
            onStart={(n) => sweep.start(config, n)}
            onCancel={sweep.cancel}
            selected={selectedPoint}
            onSelect={onSelectPoint}
          />
          <RerankPanel models={models} config={config} onChange={onRanking} onChangeMany={onRankingMany} problem={url.problem} tradeoff={tradeoff} locked={sweeping ? SWEEP_LOCK : null} />
          <Inspector client={client} models={models} focus={focus} defaultK={config.evaluation.k} ranking={config.ranking} />
        </main>
      </div>
      <div id="teach-drawer">
        <TeachDrawer open={learnOpen} locked={sweeping ? SWEEP_LOCK : null} onClose={() => setLearnOpen(false)} ctx={teachCtx} log={log} onApply={onLessonApply} onLoadScenario={onLoadScenario} />
      </div>
    </div>
  );
}

/** Why settings are locked during a sweep: its points must match the settings the panel shows. */
const SWEEP_LOCK = 'A sweep is training with the settings it started with; settings are locked until it ends or is cancelled.';
