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

/**
 * Mirrors the config into the URL. A step a user would undo (loading a scenario, Reset to
 * defaults, changing a setting) is a new history entry, so Back returns to the settings before it;
 * further edits of the same field replace that entry (one per keystroke would bury the history).
 */
function writeUrl(config: ExperimentConfig, scenario: string | null, entry: 'push' | 'replace' = 'replace'): void {
  const q = linkFromConfig(config, scenario);
  const url = `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (entry === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

export function useUrlConfig() {
  const [initial] = useState(() => configFromLink(location.search));
  const [config, setConfigState] = useState<ExperimentConfig>(initial.config);
  const [scenario, setScenario] = useState<string | null>(initial.scenario);
  const scenarioRef = useRef(initial.scenario);
  const [ignored, setIgnored] = useState<IgnoredField[]>(initial.ignored);
  const [problem, setProblem] = useState<string | null>(null);
  /** The field whose edit made the current history entry (its next edits replace it). */
  const lastField = useRef<string | null>(null);
  /** The query of the settings shown (kept current by every write). */
  const shownSearch = useRef(location.search);
  // A URL with ignored keys is rewritten to what was actually loaded, so a copied link is clean.
  useEffect(() => {
    if (initial.ignored.length) writeUrl(initial.config, initial.scenario);
    shownSearch.current = location.search;
  }, [initial]);

  // Back and Forward: the page takes the settings of the entry it lands on.
  useEffect(() => {
    const onPop = () => {
      // A tab change (#world) moves through history too; the settings stay unless the query changed.
      if (location.search === shownSearch.current) return;
      shownSearch.current = location.search;
      lastField.current = null;
      const read = configFromLink(location.search);
      scenarioRef.current = read.scenario;
      setScenario(read.scenario);
      setConfigState(read.config);
      setIgnored(read.ignored);
      setProblem(null);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  /**
   * Applies a (partial) config; a combination the engine rejects is explained and not applied.
   * `entry`: 'push' for a step of its own, 'replace' to amend the current entry, or
   * `{ field }` for an edit of one setting (a new entry, unless that field made the current one).
   */
  const apply = useCallback((next: unknown, entry: 'push' | 'replace' | { field: string } = 'replace'): boolean => {
    try {
      const parsed = parseExperimentConfig(next);
      setConfigState(parsed);
      setProblem(null);
      let how: 'push' | 'replace';
      if (typeof entry === 'object') {
        how = lastField.current === entry.field ? 'replace' : 'push';
        lastField.current = entry.field;
      } else {
        how = entry;
        if (entry === 'push') lastField.current = null;
      }
      writeUrl(parsed, scenarioRef.current, how);
      shownSearch.current = location.search;
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
      if (s) apply(scenarioConfig(s), 'push');
    },
    [apply],
  );

  const reset = useCallback(() => {
    scenarioRef.current = null;
    setScenario(null);
    apply({}, 'push');
    setIgnored([]);
  }, [apply]);

  return { config, apply, reset, scenario, loadScenario, ignored, dismissIgnored: () => setIgnored([]), problem, dismissProblem: () => setProblem(null) };
}
