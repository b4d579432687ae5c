// General-language frequency of words (jieba's dictionary, analysis/lexicon/general-frequency.ts):
// how common a word is outside political documents, to tell coined formulations from ordinary words.
import { GENERAL_FREQUENCY_SOURCE } from './general-frequency';

const RARE_LOG = Math.log10(50);
const COMMON_LOG = Math.log10(3000);

let general: Map<string, number> | null = null;
/** log10 of a word's frequency in jieba's dictionary, or undefined when below the bundled threshold. */
export function generalLogFrequency(w: string): number | undefined {
  if (!general) {
    general = new Map();
    for (const [key, list] of Object.entries(GENERAL_FREQUENCY_SOURCE)) for (const x of list.split(' ')) if (x) general.set(x, Number(key) / 2);
  }
  return general.get(w);
}

/** Rarity of a word in general language: 1 for one jieba's dictionary lacks (or has below 50), 0 from about 3,000 up. */
export function rarity(w: string): number {
  const lf = generalLogFrequency(w);
  if (lf === undefined) return 1;
  return Math.min(1, Math.max(0, (COMMON_LOG - lf) / (COMMON_LOG - RARE_LOG)));
}
