/**
 * A horizontal bar chart whose text never shrinks: the svg has no viewBox, so its units are
 * CSS pixels at every width (label above each bar, value after it, bar lengths in percent).
 * At 390 px its text is as large as at 1280 px (the `.chart--rows` font size, 14 px).
 */
import type { Bar } from "./charts";

const ROW = 44;

/** One bar per row; the figure is labelled by its caption and described by the text of all bars. */
export function RowChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  return (
    <figure class="chart chart--rows">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = i * ROW;
          // At most 80% of the width, so the value after the longest bar still fits.
          const pct = (b.value / max) * 80;
          return (
            <g>
              <text x="0" y={y + 16}>
                {b.sublabel ? `${b.label} ${b.sublabel}` : b.label}
              </text>
              <rect class="bar" x="0" y={y + 22} width={`${pct}%`} height="16" />
              <text x={`${pct}%`} dx="6" y={y + 36}>
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
