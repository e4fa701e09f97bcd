/** Gate means as an SVG heat map (rows: gates, columns: experts), so it exports like the charts. */
export function GateHeatmap({ gates, tasks, architecture }: { gates: number[][]; tasks: string[]; architecture: string }) {
  const cols = Math.max(...gates.map((g) => g.length));
  const cell = 44;
  const left = 110;
  const top = 22;
  const label = (i: number) => (architecture === 'omoe' ? 'shared gate' : i < tasks.length ? `${tasks[i]} gate` : `gate ${i + 1}`);
  return (
    <svg width={left + cols * cell + 8} height={top + gates.length * cell + 8} role="img" aria-label="Gate utilisation heat map">
      {Array.from({ length: cols }, (_, e) => (
        <text key={e} x={left + e * cell + cell / 2} y={14} textAnchor="middle" fontSize={11} fill="#5a6677">
          E{e + 1}
        </text>
      ))}
      {gates.map((row, g) => (
        <g key={g}>
          <text x={left - 8} y={top + g * cell + cell / 2 + 4} textAnchor="end" fontSize={12} fill="#1b2430">
            {label(g)}
          </text>
          {row.map((v, e) => (
            <g key={e}>
              <rect x={left + e * cell} y={top + g * cell} width={cell - 2} height={cell - 2} fill={`rgba(47,111,173,${Math.min(1, Math.max(0.04, v))})`} />
              <text x={left + e * cell + cell / 2 - 1} y={top + g * cell + cell / 2 + 4} textAnchor="middle" fontSize={11} fill={v > 0.5 ? '#fff' : '#1b2430'}>
                {v.toFixed(2)}
              </text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}
