// KWIC's limits, apart from the search (./kwic-search) so the page can know them without bundling
// the normaliser and its script-conversion tables.

/** Contexts shown at most; a common term would otherwise put tens of thousands of rows in the DOM. */
export const KWIC_MAX_LINES = 500;
/** Documents searched at most when the analyses do not say which ones mention the term. */
export const KWIC_MAX_BLIND_DOCS = 200;
/** Characters of context shown on each side; a Chinese clause is usually 8–20 characters. */
export const KWIC_WIDTH = 24;
