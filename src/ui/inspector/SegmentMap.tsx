/**
 * The model's shopper embeddings on a map (PCA, computed in the worker), coloured by persona or by
 * K-means segment, with the model's results per persona and per segment; clicking a point opens
 * that shopper in the inspector.
 */
import { memo, useEffect, useState } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { SegmentPoint, SegmentReport, SegmentRow } from '../../core/inspect/segments';
import { PERSONAS } from '../../core/world';
import { ChartCard } from '../charts/ChartCard';
import type { WorkerClient } from '../playground/workerClient';
import { fmtInt, fmtNum, fmtPct } from '../format';

/** Twelve colours that stay apart for colour-blind readers (Okabe–Ito, then Tol's muted set). */
const COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#882255', '#117733', '#999933', '#332288', '#aa4499', '#44aa99'];
const MAX_K = 12;

function SegmentTable({ caption, rows, testId }: { caption: string; rows: SegmentRow[]; testId: string }) {
  return (
    <div className="table-wide">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Shoppers (cold)</th>
            <th scope="col">Purchase GAUC</th>
            <th scope="col">True P(buy)@K</th>
            <th scope="col">NDCG@K</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.group}>
              <th scope="row">{r.label}</th>
              <td>
                {fmtInt(r.shoppers)} ({fmtInt(r.cold)})
              </td>
              <td>{r.gauc === null ? '—' : fmtNum(r.gauc)}</td>
              <td>{r.ranked ? fmtPct(r.truePurchase, 2) : '—'}</td>
              <td>{r.ranked ? fmtNum(r.ndcg) : '—'}</td>
              <td>{r.ranked ? fmtNum(r.coverage) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SegmentMapImpl({ client, modelId, onPick }: { client: WorkerClient; modelId: string; onPick: (shopper: number) => void }) {
  const [k, setK] = useState(4);
  const [draftK, setDraftK] = useState('4');
  const [colourBy, setColourBy] = useState<'persona' | 'segment'>('persona');
  const [answer, setAnswer] = useState<{ key: string; report?: SegmentReport; error?: string } | null>(null);
  // Computed only once opened: it scores the whole catalogue for the ranked shoppers again.
  const [open, setOpen] = useState(false);
  const key = `${modelId}|${k}`;
  useEffect(() => {
    if (!open) return;
    let live = true;
    client.call((api) => api.segments(modelId, k)).then(
      (report) => live && setAnswer({ key, report }),
      (e: unknown) => live && setAnswer({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [client, modelId, k, key, open]);
  const kError = /^\d+$/.test(draftK) && Number(draftK) >= 1 && Number(draftK) <= MAX_K ? null : `K must be a whole number from 1 to ${MAX_K}, got “${draftK}”.`;
  const current = answer?.key === key ? answer : null;
  const report = current?.report;
  const groups: Array<{ name: string; points: SegmentPoint[] }> = report
    ? colourBy === 'persona'
      ? PERSONAS.map((name, g) => ({ name, points: report.points.filter((p) => p.persona === g) }))
      : Array.from({ length: report.k }, (_, g) => ({ name: `segment ${g + 1}`, points: report.points.filter((p) => p.segment === g) }))
    : [];
  return (
    <details className="segment-map" data-testid="segment-map" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Shopper map and segments: who does this model serve badly?</summary>
      <div className="row wrap">
        <label htmlFor="segment-k">Segments (K)</label>
        <input
          id="segment-k"
          type="number"
          min={1}
          max={MAX_K}
          value={draftK}
          aria-invalid={kError ? true : undefined}
          aria-describedby={kError ? 'segment-k-error' : undefined}
          onChange={(e) => {
            setDraftK(e.target.value);
            const v = Number(e.target.value);
            if (Number.isInteger(v) && v >= 1 && v <= MAX_K) setK(v);
          }}
        />
        <label htmlFor="segment-colour">Colour by</label>
        <select id="segment-colour" value={colourBy} onChange={(e) => setColourBy(e.target.value as 'persona' | 'segment')}>
          <option value="persona">persona (the world’s label)</option>
          <option value="segment">K-means segment of the embeddings</option>
        </select>
      </div>
      {kError && (
        <p id="segment-k-error" role="alert" className="field-error">
          {kError}
        </p>
      )}
      {!current && <p aria-live="polite">Mapping the shoppers…</p>}
      {current?.error && (
        <p role="alert" className="error-text">
          {current.error}
        </p>
      )}
      {report && (
        <>
          <ChartCard
            title={`Learned shopper embeddings, first two principal components (${fmtPct(report.explained[0] ?? NaN, 0)} and ${fmtPct(report.explained[1] ?? NaN, 0)} of the variance)`}
            testId="chart-segments"
            fileName="segments.png"
            table={() => ({ caption: 'Each shopper’s place on the map', header: ['shopper', 'x', 'y', 'persona', 'segment', 'cold'], rows: report.points.map((p) => [p.shopper, p.x, p.y, PERSONAS[p.persona], p.segment + 1, p.cold ? 'yes' : 'no']) })}
          >
            <ResponsiveContainer width="100%" height={300}>
              <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
                <CartesianGrid stroke="#e6eaf0" />
                <XAxis dataKey="x" type="number" name="PC 1" tickFormatter={(v: number) => v.toFixed(2)} />
                <YAxis dataKey="y" type="number" name="PC 2" tickFormatter={(v: number) => v.toFixed(2)} width={52} />
                <Tooltip
                  content={({ payload }) => {
                    const p = payload?.[0]?.payload as SegmentPoint | undefined;
                    if (!p) return null;
                    return (
                      <div className="tooltip">
                        Shopper #{p.shopper}, {PERSONAS[p.persona]}, segment {p.segment + 1}
                        {p.cold ? ' (cold start: the shared unknown embedding)' : ''}
                        <br />
                        <em>Click to inspect</em>
                      </div>
                    );
                  }}
                />
                <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
                {groups.map((g, i) => (
                  <Scatter
                    key={g.name}
                    name={g.name}
                    data={g.points}
                    fill={COLOURS[i % COLOURS.length]}
                    isAnimationActive={false}
                    cursor="pointer"
                    className="segment-points"
                    onClick={(entry: unknown) => {
                      const p = (entry as { payload?: SegmentPoint }).payload;
                      if (p) onPick(p.shopper);
                    }}
                  />
                ))}
              </ScatterChart>
            </ResponsiveContainer>
          </ChartCard>
          <SegmentTable caption={`Per persona: test purchase GAUC, and the model’s top ${report.listLength} for the ranked test shoppers`} rows={report.byPersona} testId="segments-persona" />
          <SegmentTable caption={`Per K-means segment (K = ${report.k}) of the learned embeddings`} rows={report.bySegment} testId="segments-kmeans" />
          <SegmentTable caption="Warm shoppers against cold-start ones (never seen in training: one shared embedding)" rows={report.byHistory} testId="segments-history" />
        </>
      )}
    </details>
  );
}

export const SegmentMap = memo(SegmentMapImpl);
