/**
 * Fills and strokes told apart without colour: each series has a hatch pattern (SVG `<pattern>`), a
 * dash style for lines and a colour as a third cue. Plain SVG, no chart library: safe anywhere.
 */
export interface SeriesStyle {
  color: string;
  /** The pattern's drawing inside a 8×8 tile. */
  tile: 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'backdiagonal';
  dash: string | undefined;
}

export const seriesStyles: readonly SeriesStyle[] = [
  { color: '#000091', tile: 'solid', dash: undefined },
  { color: '#b34000', tile: 'diagonal', dash: '8 4' },
  { color: '#18753c', tile: 'dots', dash: '2 3' },
  { color: '#6a3d9a', tile: 'cross', dash: '12 4 2 4' },
  { color: '#7a5b00', tile: 'horizontal', dash: '4 4' },
  { color: '#0063cb', tile: 'backdiagonal', dash: '1 5' },
  { color: '#3a3a3a', tile: 'vertical', dash: '16 4' },
];

export const styleOf = (i: number): SeriesStyle => seriesStyles[i % seriesStyles.length]!;

/** A pattern id safe in `url(#…)`: `useId`'s characters removed. */
export const patternId = (prefix: string, i: number) => `${prefix.replace(/[^a-zA-Z0-9_-]/g, '')}-p${i}`;

function Tile({ style }: { style: SeriesStyle }) {
  const c = style.color;
  switch (style.tile) {
    case 'solid':
      return <rect width="8" height="8" fill={c} />;
    case 'diagonal':
      return <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke={c} strokeWidth="2" />;
    case 'backdiagonal':
      return <path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke={c} strokeWidth="2" />;
    case 'dots':
      return <circle cx="4" cy="4" r="2" fill={c} />;
    case 'cross':
      return <path d="M0,4 h8 M4,0 v8" stroke={c} strokeWidth="1.5" />;
    case 'horizontal':
      return <path d="M0,2 h8 M0,6 h8" stroke={c} strokeWidth="1.5" />;
    case 'vertical':
      return <path d="M2,0 v8 M6,0 v8" stroke={c} strokeWidth="1.5" />;
  }
}

/** The `<defs>` of `count` patterns, to place inside a chart's SVG. */
export function ChartPatterns({ prefix, count }: { prefix: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const style = styleOf(i);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the series' rank is its identity here
          <pattern key={i} id={patternId(prefix, i)} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="#ffffff" />
            <Tile style={style} />
          </pattern>
        );
      })}
    </defs>
  );
}
