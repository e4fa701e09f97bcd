/**
 * The experiment config as page state mirrored into the URL (one key per non-default field, via
 * the field tables). A bad or tampered URL loads what it can and lists each ignored field.
 */
import { useCallback, useEffect, useState } from 'react';
import { ConfigError } from '../../core/config/fields';
import { parseExperimentConfig, type ExperimentConfig } from '../../core/experiment/config';
import { configFromQuery, configToQuery, type IgnoredField } from '../../core/experiment/url';

function writeUrl(config: ExperimentConfig): void {
  const q = configToQuery(config);
  const url = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
  history.replaceState(null, '', url);
}

export function useUrlConfig() {
  const [initial] = useState(() => configFromQuery(location.search));
  const [config, setConfigState] = useState<ExperimentConfig>(initial.config);
  const [ignored, setIgnored] = useState<IgnoredField[]>(initial.ignored);
  const [problem, setProblem] = useState<string | null>(null);
  // A URL with ignored keys is rewritten to what was actually loaded, so a copied link is clean.
  useEffect(() => {
    if (initial.ignored.length) writeUrl(initial.config);
  }, [initial]);

  /** Applies a (partial) config; a combination the engine rejects is explained and not applied. */
  const apply = useCallback((next: unknown): boolean => {
    try {
      const parsed = parseExperimentConfig(next);
      setConfigState(parsed);
      setProblem(null);
      writeUrl(parsed);
      return true;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      setProblem(e.issues.map((i) => `${i.field} ${i.message}`).join('; '));
      return false;
    }
  }, []);

  const reset = useCallback(() => {
    apply({});
    setIgnored([]);
  }, [apply]);

  return { config, apply, reset, ignored, dismissIgnored: () => setIgnored([]), problem, dismissProblem: () => setProblem(null) };
}
