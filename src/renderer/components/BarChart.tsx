// Horizontal bars in plain SVG: a few dozen sites at most, no chart library needed for that.
export interface Bar {
  label: string;
  value: number | null;
  /** Shown instead of the number, e.g. 单项否决. */
  note?: string;
  tone?: 'ok' | 'bad' | 'muted';
}

export function BarChart({
  bars,
  max,
  unit,
  title,
}: {
  bars: Bar[];
  max: number;
  unit: string;
  title: string;
}) {
  const rowHeight = 28;
  const labelWidth = 200;
  const width = 720;
  const plotWidth = width - labelWidth - 90;
  const height = bars.length * rowHeight + 8;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      {bars.map((bar, index) => {
        const y = index * rowHeight + 4;
        const length = bar.value === null ? 0 : Math.max(2, (Math.min(bar.value, max) / max) * plotWidth);
        return (
          <g key={`${bar.label}-${index}`}>
            <text x={labelWidth - 8} y={y + 16} textAnchor="end" className="chart-label">
              {bar.label.length > 14 ? `${bar.label.slice(0, 13)}…` : bar.label}
            </text>
            <rect
              x={labelWidth}
              y={y + 3}
              width={plotWidth}
              height={rowHeight - 10}
              className="chart-track"
            />
            <rect
              x={labelWidth}
              y={y + 3}
              width={length}
              height={rowHeight - 10}
              className={`chart-bar chart-${bar.tone ?? 'ok'}`}
            />
            <text x={labelWidth + plotWidth + 8} y={y + 16} className="chart-value">
              {bar.note ?? (bar.value === null ? '—' : `${bar.value}${unit}`)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
