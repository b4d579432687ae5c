// Finds English words a Chinese interface still shows: what a user reads or hears on the page
// (text, tooltips, accessible names, placeholders, Chart.js axis titles, legends and labels),
// minus tokens that are not words.
import { Chart } from 'chart.js';

/**
 * Latin-letter tokens that are not English words and so stay as they are in the Chinese UI: file
 * formats and names, web and file addresses (a document's source, shown as data), address schemes (chrome://, about:), a CSV file's published column header (the
 * CLI's format), statistics, the product's own name, and the language switch (which names the language it
 * switches to, in that language).
 */
export const NOT_ENGLISH_WORDS = [/\b(?:https?|file):\/\/[^\s（）()，。]+/g, /\b[a-z][a-z-]*:(?:\/\/)?(?=[、，。）)\s]|$)/g, /（列：[\w,]+）/g, /\b[\w-]+\.(csv|png|json)\b/gi, /\b(CSV|PNG|JSON|KWIC|G²|YYYY-MM-DD)\b/g, /Tifa Lens/g, /\bEnglish\b/g];

/** Everything a user can read or hear on the page: text, tooltips, accessible names, placeholders, chart labels. */
export function visibleStrings(): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    if (text) out.push(text);
  }
  for (const el of document.body.querySelectorAll('*')) {
    for (const attr of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = el.getAttribute(attr);
      if (v) out.push(`${v} [${attr}]`);
    }
  }
  for (const canvas of document.querySelectorAll('canvas')) {
    const chart = Chart.getChart(canvas as HTMLCanvasElement);
    if (!chart) continue;
    for (const ds of chart.data.datasets) if (ds.label) out.push(`${ds.label} [legend]`);
    for (const label of chart.data.labels ?? []) out.push(`${String(label)} [category]`);
    for (const [axis, scale] of Object.entries(chart.options.scales ?? {})) {
      const title = (scale as { title?: { text?: unknown } }).title?.text;
      if (title) out.push(`${String(title)} [axis ${axis}]`);
    }
  }
  return out;
}

/** English words left in a list of strings, after the allowed non-words and the data's own words (`dataWords`). */
export function englishWords(strings: readonly string[], dataWords: ReadonlySet<string> = new Set()): string[] {
  const found = new Set<string>();
  for (const s of strings) {
    let rest = s.replace(/ \[[^\]]+\]$/, '');
    for (const allowed of NOT_ENGLISH_WORDS) rest = rest.replace(allowed, ' ');
    for (const word of rest.match(/[A-Za-z]{2,}/g) ?? []) if (!dataWords.has(word)) found.add(`${word} ← ${s}`);
  }
  return [...found];
}
