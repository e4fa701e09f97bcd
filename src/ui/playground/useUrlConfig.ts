/**
 * The experiment config as page state mirrored into the URL (one key per non-default field, via
 * the field tables; with a scenario loaded, `scenario=<id>` and the fields that differ from it).
 * A bad or tampered URL loads what it can and lists each ignored field.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ConfigError } from '../../core/config/fields';
import { parseExperimentConfig, type ExperimentConfig } from '../../core/experiment/config';
import type { IgnoredField } from '../../core/experiment/url';
import { configFromLink, linkFromConfig } from '../../core/teach/link';
import { scenarioById, scenarioConfig } from '../../core/teach/scenarios';

function writeUrl(config: ExperimentConfig, scenario: string | null): void {
  const q = linkFromConfig(config, scenario);
  const url = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
  history.replaceState(null, '', url);
}

export function useUrlConfig() {
  const [initial] = useState(() => configFromLink(location.search));
  const [config, setConfigState] = useState<ExperimentConfig>(initial.config);
  const [scenario, setScenario] = useState<string | null>(initial.scenario);
  const scenarioRef = useRef(initial.scenario);
  const [ignored, setIgnored] = useState<IgnoredField[]>(initial.ignored);
  const [problem, setProblem] = useState<string | null>(null);
  // A URL with ignored keys is rewritten to what was actually loaded, so a copied link is clean.
  useEffect(() => {
    if (initial.ignored.length) writeUrl(initial.config, initial.scenario);
  }, [initial]);

  /** Applies a (partial) config; a combination the engine rejects is explained and not applied. */
  const apply = useCallback((next: unknown): boolean => {
    try {
      const parsed = parseExperimentConfig(next);
      setConfigState(parsed);
      setProblem(null);
      writeUrl(parsed, scenarioRef.current);
      return true;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      setProblem(e.issues.map((i) => `${i.field} ${i.message}`).join('; '));
      return false;
    }
  }, []);

  /** Loads a scenario's settings (null: back to no scenario, settings kept). */
  const loadScenario = useCallback(
    (id: string | null) => {
      const s = id ? scenarioById(id) : undefined;
      scenarioRef.current = s?.id ?? null;
      setScenario(scenarioRef.current);
      if (s) apply(scenarioConfig(s));
    },
    [apply],
  );

  const reset = useCallback(() => {
    scenarioRef.current = null;
    setScenario(null);
    apply({});
    setIgnored([]);
  }, [apply]);

  return { config, apply, reset, scenario, loadScenario, ignored, dismissIgnored: () => setIgnored([]), problem, dismissProblem: () => setProblem(null) };
}
