export interface Bar {
  label: string;
  value: number;
  /** The value as printed beside the bar. */
  text: string;
}

// Sized for a third of the page's width, so 12px text stays about 12px on screen.
const ROW = 26;
const LABEL = 140;
const WIDTH = 360;
const VALUE = 72;

/** Horizontal bars in inline SVG, scaled to the largest value; the numbers are in the tables too. */
export function BarChart(props: { title: string; bars: Bar[]; testId?: string }) {
  const max = Math.max(...props.bars.map((bar) => bar.value), 1);
  const span = WIDTH - LABEL - VALUE;
  const height = props.bars.length * ROW + 8;
  return (
    <figure data-testid={props.testId} className="px-4 py-3">
      <figcaption className="text-xs font-semibold tracking-wide text-muted uppercase">
        {props.title}
      </figcaption>
      <svg
        role="img"
        aria-label={`${props.title}: ${props.bars.map((b) => `${b.label} ${b.text}`).join(", ")}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        className="mt-2 w-full"
      >
        {props.bars.map((bar, i) => {
          const y = i * ROW + 4;
          const width = Math.max((bar.value / max) * span, 2);
          return (
            <g key={bar.label}>
              <text x={0} y={y + 15} className="fill-fg text-[12px]">
                {bar.label}
              </text>
              <rect
                x={LABEL}
                y={y + 3}
                width={width}
                height={ROW - 10}
                rx={3}
                className="fill-accent"
              />
              <text
                x={LABEL + width + 6}
                y={y + 15}
                className="fill-muted text-[12px] tabular-nums"
              >
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
