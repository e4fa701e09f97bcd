/**
 * A chart's frame: title, a PNG download, and its numbers as a table (rendered only when opened,
 * so a hidden 500-row table costs nothing while training).
 */
import { createContext, useContext, useId, useRef, useState, type ReactNode } from 'react';
import { downloadSvgAsPng } from '../export';
import { MetricLabel } from '../glossary/MetricLabel';
import type { GlossaryId } from '../glossary/ids';

export interface TableData {
  caption: string;
  header: string[];
  rows: Array<Array<string | number>>;
}

function fmtCell(v: string | number): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

/** A legend entry; drawn as HTML (cheaper than recharts' own legend, and read by the PNG export). */
export interface LegendEntry {
  label: string;
  colour: string;
  dashed?: boolean;
}

/** Presenter-mode captions by chart test id: one plain-language line under each chart. */
export const ChartCaptions = createContext<Record<string, string>>({});

export function ChartCard(props: {
  title: string;
  testId: string;
  fileName: string;
  /** The chart's numbers; a function is only called when the table is opened. */
  table: TableData | (() => TableData);
  legend?: LegendEntry[];
  actions?: ReactNode;
  children: ReactNode;
  note?: ReactNode;
  /** The glossary entry of the chart's metric, linked beside the title. */
  glossary?: GlossaryId;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const caption = useContext(ChartCaptions)[props.testId];
  return (
    <section className="card chart-card" aria-labelledby={titleId} data-testid={props.testId}>
      <div className="chart-head">
        <h3 id={titleId}>{props.glossary ? <MetricLabel id={props.glossary} name={props.title}>{props.title}</MetricLabel> : props.title}</h3>
        <div className="chart-actions">
          {props.actions}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setError(null);
              if (ref.current) downloadSvgAsPng(ref.current, props.fileName).catch((e: Error) => setError(e.message));
            }}
          >
            PNG<span className="sr-only"> of {props.title}</span>
          </button>
        </div>
      </div>
      {props.note}
      <div ref={ref} className="chart-body">
        {props.children}
        {props.legend && props.legend.length > 0 && (
          <ul className="legend" aria-label={`Series of ${props.title}`}>
            {props.legend.map((l) => (
              <li key={l.label} className="legend-item" data-legend-colour={l.colour}>
                <span className={l.dashed ? 'swatch dashed' : 'swatch'} style={{ borderColor: l.colour }} aria-hidden="true" />
                {l.label}
              </li>
            ))}
          </ul>
        )}
      </div>
      {caption && (
        <p className="chart-caption" data-testid={`${props.testId}-caption`}>
          {caption}
        </p>
      )}
      {error && <p className="error-text">{error}</p>}
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Numbers of “{props.title}” as a table</summary>
        {open && <NumberTable testId={props.testId} table={typeof props.table === 'function' ? props.table() : props.table} />}
      </details>
    </section>
  );
}

function NumberTable({ testId, table }: { testId: string; table: TableData }) {
  return (
          <div className="table-scroll">
            <table data-testid={`${testId}-table`}>
              <caption>{table.caption}</caption>
              <thead>
                <tr>
                  {table.header.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (j === 0 ? <th key={j} scope="row">{fmtCell(v)}</th> : <td key={j}>{fmtCell(v)}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
  );
}
