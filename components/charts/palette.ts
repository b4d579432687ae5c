// Colours for charts. Okabe & Ito (2008) "Color Universal Design": eight hues that stay distinct
// for the common forms of colour-vision deficiency. Black is left out of the series cycle because
// it disappears on a dark background; it is replaced by a neutral grey that reads on both.

/** The Okabe–Ito hues, in the order series take them (most distinct first). */
export const OKABE_ITO = [
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#009E73', // bluish green
  '#F0E442', // yellow
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#999999', // grey (stands in for black)
] as const;

/** Series order that puts the strongest contrasts first (yellow is weak on white, so it comes late). */
const SERIES_ORDER = [4, 0, 2, 5, 1, 6, 3, 7] as const;

/** Colour of the i-th series; cycles after eight. */
export function seriesColor(i: number): string {
  const n = SERIES_ORDER.length;
  return OKABE_ITO[SERIES_ORDER[((i % n) + n) % n] ?? 0] ?? OKABE_ITO[0];
}

/**
 * Colours of categories that must all differ (one line per organisation, up to eight, and "other"):
 * the seven chromatic Okabe–Ito hues in series order, then Paul Tol's wine (#882255), which stays
 * apart from vermillion and reddish purple for the common colour-vision deficiencies. Grey is kept
 * for OTHER_COLOR, so the aggregated rest never looks like one of the named categories.
 */
export const CATEGORY_COLORS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7', '#F0E442', '#882255'] as const;
/** The "other" category: neutral grey. */
export const OTHER_COLOR = '#999999';

/** Colour of the i-th category; distinct for i < CATEGORY_COLORS.length, then cycling. */
export function categoryColor(i: number): string {
  const n = CATEGORY_COLORS.length;
  return CATEGORY_COLORS[((i % n) + n) % n] ?? OTHER_COLOR;
}

/** `#rrggbb` with an alpha channel, for fills under lines and bars. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${hex}${a}`;
}

/**
 * Sequential colour for a heatmap cell: one hue (Okabe–Ito blue) whose opacity grows with the
 * value, so the scale reads by lightness alone, which survives colour blindness and greyscale print.
 * `t` is the value scaled to 0..1; zero cells stay nearly transparent.
 */
export function heatColor(t: number): string {
  if (!Number.isFinite(t) || t <= 0) return 'rgba(0,114,178,0.04)';
  const alpha = 0.15 + 0.85 * Math.min(1, t);
  return `rgba(0,114,178,${alpha.toFixed(3)})`;
}
