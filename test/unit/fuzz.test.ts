/**
 * Hostile input at every parser a user can reach by typing, linking or loading a file: generated
 * configs, queries, runner files, stored progress and saved runs (wrong types, NaN, ±Infinity, 1e308, -0, huge
 * and fractional counts, prototype keys, unknown and repeated keys, BigInt, circular values, junk
 * encodings). Each parser must return a valid result or a clear error naming the field; nothing
 * may throw from configFromQuery, and no built-in may change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmPaths } from '../../src/cli/wasmPaths';
import { runExperiment, type ExperimentResult } from '../../src/core/experiment/run';
import { readSavedSession, SAVED_VERSION, type SavedSession } from '../../src/core/teach/saved';
import { readRunFile, RunFileError } from '../../src/cli/runFile';
import { ConfigError } from '../../src/core/config/fields';
import { parseExperimentConfig, type ExperimentConfig } from '../../src/core/experiment/config';
import { configFromQuery, configTables } from '../../src/core/experiment/url';
import { Rng } from '../../src/core/random';
import { configFromLink } from '../../src/core/teach/link';
import { readLessonProgress } from '../../src/core/teach/lessonProgress';
import { readProgress } from '../../src/core/teach/progress';
import { SCENARIOS } from '../../src/core/teach/scenarios';

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];
const SECTIONS = ['world', 'model', 'weighting', 'training', 'evaluation', 'ranking'];

/** Every own property of Object, Object.prototype, Array.prototype and Function.prototype, to compare after. */
function builtIns(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, o] of [['Object', Object], ['Object.prototype', Object.prototype], ['Array.prototype', Array.prototype], ['Function.prototype', Function.prototype]] as const) {
    for (const k of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, k)!;
      out.set(`${name}.${String(k)}`, d.value ?? d.get);
    }
  }
  out.set('proto-of-{}', Object.getPrototypeOf({}));
  return out;
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[rng.int(xs.length)];
}

/** A hostile or valid value for a field (or for no field at all). */
function value(rng: Rng, depth = 0): unknown {
  const r = rng.int(24);
  switch (r) {
    case 0: return Number.NaN;
    case 1: return Number.POSITIVE_INFINITY;
    case 2: return Number.NEGATIVE_INFINITY;
    case 3: return 1e308;
    case 4: return -0;
    case 5: return 2 ** 53 + 2;
    case 6: return rng.float() * 10;
    case 7: return rng.int(100000);
    case 8: return -rng.int(1000);
    case 9: return pick(rng, ['', 'mmoe', 'ple', 'fixed', 'adam', 'wasm', 'shopper', 'x'.repeat(5000), '1', 'NaN', '💥']);
    case 10: return null;
    case 11: return undefined;
    case 12: return rng.bernoulli(0.5) === 1;
    case 13: return BigInt(rng.int(100));
    case 14: return [1, 2];
    case 15: return [rng.float(), 'x', null];
    case 16: return Array.from({ length: rng.int(5) }, () => rng.float() * 5);
    case 17: {
      const loop: Record<string, unknown> = { a: 1 };
      loop.self = loop;
      return loop;
    }
    case 18: return depth < 2 ? object(rng, depth + 1) : {};
    case 19: return () => 1;
    case 20: return Symbol('s');
    default: return rng.int(50) + 1; // plausible small counts
  }
}

/** An object with known, unknown and prototype keys. */
function object(rng: Rng, depth: number, keys: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = rng.int(6);
  for (let i = 0; i < n; i++) {
    const k = rng.bernoulli(0.6) === 1 && keys.length ? pick(rng, keys) : rng.bernoulli(0.5) === 1 ? pick(rng, PROTO_KEYS) : `k${rng.int(10)}`;
    Object.defineProperty(out, k, { value: value(rng, depth), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A generated experiment config: sections with real field names mixed with junk. */
function config(rng: Rng): unknown {
  if (rng.int(20) === 0) return value(rng);
  const tables = configTables(rng.bernoulli(0.2) === 1 ? 'mmoe' : 'shopper');
  const out: Record<string, unknown> = {};
  const n = 1 + rng.int(5);
  for (let i = 0; i < n; i++) {
    const section = rng.int(8) === 0 ? pick(rng, PROTO_KEYS) : pick(rng, SECTIONS);
    const fields = Object.keys(tables[section] ?? {});
    const body = rng.int(10) === 0 ? value(rng) : object(rng, 0, section === 'world' ? [...fields, 'kind'] : fields);
    if (section === 'world' && rng.bernoulli(0.3) === 1 && typeof body === 'object' && body) (body as Record<string, unknown>).kind = pick(rng, ['mmoe', 'shopper', 'moon', 5]);
    Object.defineProperty(out, section, { value: body, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const TEXT_VALUES = ['', '1', '0', '-0', '-1', '1.5', '1e308', '-1e308', 'Infinity', '-Infinity', 'NaN', 'abc', '0x10', '1,2', '1,,2', ',', '%00', '%E0%A4%A', '%', '+', '💥', 'null', '[]', '{}', '99999999999999999999', '0.0000001', ' 5 ', 'mmoe', 'ple', 'esmm', 'single-task', 'pcgrad', 'wasm', 'cpu', 'shopper'];

/** A generated query string: real keys, prototype paths, junk and repeats, raw and encoded. */
function query(rng: Rng): string {
  const tables = configTables('shopper');
  const parts: string[] = [];
  const n = 1 + rng.int(8);
  for (let i = 0; i < n; i++) {
    const r = rng.int(10);
    let key: string;
    if (r < 5) {
      const section = pick(rng, SECTIONS);
      key = `${section}.${pick(rng, Object.keys(tables[section]))}`;
    } else if (r < 7) key = `${pick(rng, [...PROTO_KEYS, ...SECTIONS])}.${pick(rng, [...PROTO_KEYS, 'assign', 'keys', 'call', 'name', 'x'])}`;
    else if (r === 7) key = pick(rng, ['scenario', 'world.kind']);
    else if (r === 8) key = pick(rng, ['', '.', '..', 'model.', '.model', 'a.b.c', '%2E', 'model%2Earchitecture', 'world.numItems']);
    else key = `k${rng.int(5)}`;
    let v = key === 'scenario' ? pick(rng, [...SCENARIOS.map((s) => s.id), 'nope', '__proto__', 'constructor']) : key === 'world.kind' ? pick(rng, ['mmoe', 'shopper', 'x']) : pick(rng, TEXT_VALUES);
    if (rng.int(4) === 0) v = String(rng.int(1000000));
    const raw = rng.bernoulli(0.5) === 1;
    parts.push(`${raw ? key : encodeURIComponent(key)}=${raw ? v : encodeURIComponent(v)}`);
    if (rng.int(6) === 0) parts.push(parts[parts.length - 1]); // a repeated key
  }
  return (rng.bernoulli(0.5) === 1 ? '?' : '') + parts.join(pick(rng, ['&', '&', '&&', ';']));
}

/** The config must be a valid config: parsing it again gives it back unchanged. */
function expectValid(c: ExperimentConfig, what: string): void {
  expect(parseExperimentConfig(structuredClone(c)), what).toEqual(c);
}

/** A clear error: a ConfigError whose every issue names a field (a dotted path or a section) and says what is wrong. */
function expectClearError(e: unknown, what: string): void {
  expect(e, what).toBeInstanceOf(ConfigError);
  for (const issue of (e as ConfigError).issues) {
    expect(issue.field.length, what).toBeGreaterThan(0);
    expect(issue.message.length, what).toBeGreaterThan(5);
    expect(issue.message.length, what).toBeLessThan(600);
  }
}

describe('fuzzing every parser a user can reach', () => {
  it('parseExperimentConfig: 2,500 generated configs give a valid config or an error naming the field', () => {
    const before = builtIns();
    const rng = Rng.stream(20261201, 'fuzz-configs');
    let valid = 0;
    for (let i = 0; i < 2500; i++) {
      const input = config(rng);
      let parsed: ExperimentConfig | null = null;
      try {
        parsed = parseExperimentConfig(input);
      } catch (e) {
        expectClearError(e, `config #${i}`);
      }
      if (parsed) {
        valid++;
        expectValid(parsed, `config #${i}`);
      }
    }
    // The generator must reach both outcomes, or it tests only one of them.
    expect(valid).toBeGreaterThan(50);
    expect(valid).toBeLessThan(2400);
    expect(builtIns()).toEqual(before);
  });

  it('configFromQuery: 2,500 generated queries never throw, always load a valid config, and explain each ignored key', () => {
    const before = builtIns();
    const rng = Rng.stream(20261201, 'fuzz-queries');
    let ignoredSome = 0;
    for (let i = 0; i < 2500; i++) {
      const q = query(rng);
      const read = i % 2 === 0 ? configFromQuery : configFromLink;
      const { config: c, ignored } = read(q);
      expectValid(c, q);
      // The last-resort fallback (defaults for an unreadable link) must never be needed.
      expect(ignored.some((x) => x.key === '(link)'), q).toBe(false);
      for (const x of ignored) {
        expect(x.reason.length, q).toBeGreaterThan(5);
        expect(x.value.length, q).toBeLessThanOrEqual(120);
      }
      if (ignored.length) ignoredSome++;
    }
    expect(ignoredSome).toBeGreaterThan(500);
    expect(builtIns()).toEqual(before);
  });

  it('readRunFile: 1,000 generated files give runs or an error naming the entry', () => {
    const before = builtIns();
    const rng = Rng.stream(20261201, 'fuzz-files');
    for (let i = 0; i < 1000; i++) {
      const r = rng.int(5);
      const body = r === 0 ? value(rng) : r === 1 ? config(rng) : { ...(rng.bernoulli(0.5) === 1 ? { base: rng.bernoulli(0.8) === 1 ? config(rng) : value(rng) } : {}), runs: rng.bernoulli(0.9) === 1 ? Array.from({ length: 1 + rng.int(3) }, () => (rng.bernoulli(0.8) === 1 ? { ...(config(rng) as object), ...(rng.bernoulli(0.3) === 1 ? { name: value(rng) } : {}) } : value(rng))) : value(rng) };
      let text: string;
      try {
        text = JSON.stringify(body) ?? 'undefined';
      } catch {
        text = pick(rng, ['{', '\uFEFF{}', 'null', '[', '{"runs":[{}]', '\uFEFF\uFEFF{}']);
      }
      if (rng.int(5) === 0) text = `\uFEFF${text}`;
      try {
        const runs = readRunFile(text);
        for (const run of runs) expectValid(run.config, text.slice(0, 200));
      } catch (e) {
        if (e instanceof RunFileError) expect(e.message.length, text.slice(0, 200)).toBeGreaterThan(5);
        else expectClearError(e, text.slice(0, 200));
      }
    }
    expect(builtIns()).toEqual(before);
  });

  it('stored practice progress and lesson positions: 2,000 generated records are read or set aside, never thrown', () => {
    const before = builtIns();
    const rng = Rng.stream(20261201, 'fuzz-progress');
    const ids = ['diversity', 'seesaw', 'gauc', '__proto__', 'constructor', 'nope'];
    for (let i = 0; i < 2000; i++) {
      const record: Record<string, unknown> = {};
      for (let k = 0; k < 1 + rng.int(4); k++) {
        const entry = rng.bernoulli(0.5) === 1 ? { passed: value(rng), passedAt: pick(rng, [null, '2026-11-22T10:00:00Z', 'x', 5]), lastCheck: value(rng), checks: value(rng), hintsShown: value(rng) } : value(rng);
        Object.defineProperty(record, pick(rng, ids), { value: entry, enumerable: true, configurable: true, writable: true });
      }
      let text: string;
      try {
        text = JSON.stringify(rng.int(10) === 0 ? value(rng) : record) ?? 'x';
      } catch {
        text = '{"seesaw":';
      }
      const read = readProgress(text);
      for (const [id, p] of Object.entries(read.progress)) {
        expect(Number.isInteger(p.hintsShown) && p.hintsShown >= 0, id).toBe(true);
        expect(Number.isInteger(p.checks) && p.checks >= 0, id).toBe(true);
      }
      let lessonText: string | null;
      try {
        lessonText = JSON.stringify({ lesson: pick(rng, ['clickbait', 'related-tasks', '__proto__', 5]), step: value(rng), predictions: rng.bernoulli(0.5) === 1 ? { 1: value(rng) } : value(rng) }) ?? null;
      } catch {
        lessonText = '{"lesson":"clickbait","step":';
      }
      const lesson = readLessonProgress(lessonText);
      if (lesson.value) expect(Number.isInteger(lesson.value.step)).toBe(true);
    }
    expect(builtIns()).toEqual(before);
  });

  it('saved runs: 1,500 damaged sessions are read entry by entry, never thrown, and what is kept reads back clean', () => {
    const before = builtIns();
    const rng = Rng.stream(20261201, 'fuzz-saved');
    const series = () => ({ x: [0, 1], y: [0.5, 0.4] });
    const view = { tasks: ['click', 'purchase'], step: 1, epoch: 1, totalSteps: 1, samplesPerSecond: 1, trainLoss: [series(), series()], weights: [series(), series()], cosine: series(), gates: null, epochs: [] };
    const valid = (): SavedSession =>
      structuredClone({
        version: SAVED_VERSION,
        savedAt: '2026-12-01T18:00:00.000Z',
        lastRun: 3,
        runs: [1, 2, 3].map((id) => ({ id, name: `Run ${id}`, result: savedResult })),
        runCount: 3,
        tradeoffs: [],
        tradeoffCount: 0,
        pins: [{ id: 2, name: 'Run 2', result: savedResult, view }],
        latest: { id: 3, view },
      });
    /** Every (parent, key) in the tree, to damage one at random. */
    const slots = (root: unknown): Array<[Record<string, unknown>, string]> => {
      const out: Array<[Record<string, unknown>, string]> = [];
      const walk = (v: unknown) => {
        if (typeof v !== 'object' || v === null) return;
        for (const k of Object.keys(v)) {
          out.push([v as Record<string, unknown>, k]);
          walk((v as Record<string, unknown>)[k]);
        }
      };
      walk(root);
      return out;
    };
    for (let i = 0; i < 1500; i++) {
      const s = valid() as unknown as Record<string, unknown>;
      const all = slots(s);
      for (let d = 0; d < 1 + rng.int(3); d++) {
        const [parent, key] = pick(rng, all);
        const r = rng.int(4);
        if (r === 0) delete parent[key];
        else if (r === 1) Object.defineProperty(parent, pick(rng, PROTO_KEYS), { value: value(rng), enumerable: true, configurable: true, writable: true });
        else parent[key] = value(rng);
      }
      const read = readSavedSession(rng.int(30) === 0 ? value(rng) : s);
      // Keys beyond a type's are ignored (and may hold anything), so the session is re-read as is.
      const again = readSavedSession(read.session);
      expect(again.problems, `session ${i}`).toEqual([]);
      expect(again.session.runs.length).toBe(read.session.runs.length);
      expect(read.session.lastRun).toBeGreaterThanOrEqual(Math.max(0, ...read.session.runs.map((x) => x.id)));
    }
    expect(builtIns()).toEqual(before);
  });
});

let savedResult: ExperimentResult;
beforeAll(async () => {
  savedResult = await runExperiment(
    { world: { numShoppers: 40, numItems: 30, sessionsPerShopper: 3 }, model: { architecture: 'shared-bottom', expertUnits: 4, towerUnits: 4 }, training: { epochs: 1, batchSize: 256, backend: 'wasm' }, evaluation: { rankShoppers: 5, k: 5 } },
    {},
    { wasmPaths: nodeWasmPaths() },
  );
}, 60_000);
