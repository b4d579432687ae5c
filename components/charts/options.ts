// Shared pieces of chart options: titled axes (every axis says what and in which unit) and
// number formatting in tooltips.

/** A linear or category axis with a visible title. */
export function titledAxis(title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: { display: true, text: title }, ...extra };
}

/** Numbers in tooltips: integers as they are, rates to three decimals (the CSV's precision). */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return String(v);
  return (Math.round(v * 1000) / 1000).toString();
}

/** Share 0..1 as a percentage with one decimal. */
export function formatShare(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${(Math.round(v * 1000) / 10).toString()}%`;
}
