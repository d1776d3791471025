/** Bar charts as inline SVG, generated on the server (no chart library, no script). Each has a text alternative. */
import type { Child } from "hono/jsx";

export interface Bar {
  label: string;
  /** Second label line (e.g. the year under a month). */
  sublabel?: string;
  value: number;
  /** What to print for the value (e.g. "<5" for a hidden count). */
  display: string;
}

function niceMax(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** A chart's figure: the caption and an svg image labelled by it and by the text description. */
function ChartFrame(p: { id: string; title: string; description: string; width: number; height: number; children: Child }) {
  return (
    // On a phone the chart keeps its drawn width (text at 12 px) and scrolls sideways; the figure
    // takes focus so keyboard users can scroll it too.
    <figure class="chart chart--wide" tabindex={0} aria-labelledby={`${p.id}-title`}>
      <figcaption id={`${p.id}-title`}>{p.title}</figcaption>
      <svg viewBox={`0 0 ${p.width} ${p.height}`} role="img" aria-labelledby={`${p.id}-title ${p.id}-desc`} focusable="false">
        <title>{p.title}</title>
        <desc id={`${p.id}-desc`}>{p.description}</desc>
        {p.children}
      </svg>
    </figure>
  );
}

/** Vertical bars (e.g. appointments per month). */
export function ColumnChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: Bar[] }) {
  const width = 720;
  const height = 280;
  const left = 44;
  const bottom = 44;
  const top = 16;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const step = plotW / Math.max(1, bars.length);
  const barW = Math.min(48, step * 0.7);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  return (
    <ChartFrame id={id} title={title} description={description} width={width} height={height}>
      {ticks.map((tick) => {
        const y = top + plotH - (tick / max) * plotH;
        return (
          <g>
            <line class="grid" x1={left} x2={width - 8} y1={y} y2={y} />
            <text x={left - 6} y={y + 4} text-anchor="end">
              {String(tick)}
            </text>
          </g>
        );
      })}
      {bars.map((b, i) => {
        const h = (b.value / max) * plotH;
        const x = left + i * step + (step - barW) / 2;
        const y = top + plotH - h;
        return (
          <g>
            <rect class="bar" x={x} y={y} width={barW} height={Math.max(0, h)} />
            <text x={x + barW / 2} y={y - 4} text-anchor="middle">
              {b.display}
            </text>
            <text x={x + barW / 2} y={height - bottom + 16} text-anchor="middle">
              {b.label}
            </text>
            {b.sublabel ? (
              <text x={x + barW / 2} y={height - bottom + 32} text-anchor="middle">
                {b.sublabel}
              </text>
            ) : null}
          </g>
        );
      })}
      <line class="axis" x1={left} x2={width - 8} y1={top + plotH} y2={top + plotH} />
    </ChartFrame>
  );
}

/** Horizontal bars (e.g. appointments per topic), labels on the left. */
export function BarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: Bar[] }) {
  const width = 720;
  const rowH = 30;
  const labelW = 220;
  const height = bars.length * rowH + 12;
  const plotW = width - labelW - 60;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  return (
    <ChartFrame id={id} title={title} description={description} width={width} height={height}>
      {bars.map((b, i) => {
        const y = 6 + i * rowH;
        const w = (b.value / max) * plotW;
        return (
          <g>
            <text x={labelW - 8} y={y + rowH / 2 + 4} text-anchor="end">
              {b.label}
            </text>
            <rect class="bar" x={labelW} y={y + 4} width={Math.max(0, w)} height={rowH - 10} />
            <text x={labelW + Math.max(0, w) + 6} y={y + rowH / 2 + 4}>
              {b.display}
            </text>
          </g>
        );
      })}
      <line class="axis" x1={labelW} x2={labelW} y1={2} y2={height - 4} />
    </ChartFrame>
  );
}
