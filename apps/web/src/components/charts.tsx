import { useId } from 'react';

/** Whole-number axis ticks (these are counts): a step of 1, 2 or 5 times a power of ten, about four ticks. */
const axisTicks = (largest: number): number[] => {
  const rough = Math.max(1, largest / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power);
  const top = Math.max(step, Math.ceil(largest / step) * step);
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
};

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 12, bottom: 44, left: 40 };

export interface Series {
  name: string;
  /** A CSS class giving the fill colour (chart-fill-1 ... chart-fill-3). */
  fill: string;
}

interface ChartProps {
  title: string;
  /** What the chart shows, for screen readers and as a caption. */
  description: string;
  series: Series[];
  categories: { label: string; values: number[] }[];
  valueLabel?: string;
}

/**
 * Vertical bars, grouped when there is more than one series. Plain SVG with a title and
 * description for assistive technology, and the same figures in a table under "Show the figures".
 */
export const BarChart = ({ title, description, series, categories, valueLabel = 'Count' }: ChartProps) => {
  const id = useId();
  const ticks = axisTicks(Math.max(0, ...categories.flatMap((c) => c.values)));
  const max = ticks.at(-1)!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(36, (band * 0.7) / series.length);
  const y = (value: number) => MARGIN.top + plotHeight - (value / max) * plotHeight;
  const skipLabels = categories.length > 12;

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">{title}</span>
        {series.length > 1 ? (
          <span className="legend" aria-hidden="true">
            {series.map((s) => (
              <span key={s.name} className="legend-item">
                <span className={`legend-swatch ${s.fill}`} />
                {s.name}
              </span>
            ))}
          </span>
        ) : null}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(tick) + 4} textAnchor="end" className="chart-axis">
              {tick}
            </text>
          </g>
        ))}
        {categories.map((category, i) => {
          const groupStart = MARGIN.left + band * i + (band - barWidth * series.length) / 2;
          return (
            <g key={category.label}>
              {category.values.map((value, s) => (
                <g key={series[s]?.name ?? s}>
                  <rect
                    x={groupStart + barWidth * s}
                    y={y(value)}
                    width={barWidth - 2}
                    height={Math.max(0, MARGIN.top + plotHeight - y(value))}
                    className={series[s]?.fill ?? 'chart-fill-1'}
                  />
                  {value > 0 ? (
                    <text
                      x={groupStart + barWidth * s + (barWidth - 2) / 2}
                      y={y(value) - 4}
                      textAnchor="middle"
                      className="chart-value"
                    >
                      {value}
                    </text>
                  ) : null}
                </g>
              ))}
              {/* Crowded axes label every other category, always including the latest. */}
              {!skipLabels || (categories.length - 1 - i) % 2 === 0 ? (
                <text
                  x={MARGIN.left + band * i + band / 2}
                  y={HEIGHT - MARGIN.bottom + 18}
                  textAnchor="middle"
                  className="chart-axis"
                >
                  {category.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-baseline" />
      </svg>
      <details className="chart-data">
        <summary>Show the figures</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{series.length > 1 ? 'Period' : 'Category'}</th>
              {series.map((s) => (
                <th scope="col" key={s.name}>
                  {series.length > 1 ? s.name : valueLabel}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category.label}>
                <th scope="row">{category.label}</th>
                {category.values.map((value, s) => (
                  <td key={series[s]?.name ?? s}>{value}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
