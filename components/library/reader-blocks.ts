// A text as the reader paints it: blocks (paragraphs, long ones cut into pieces) read on demand
// from an offset, so opening a document costs the first screenfuls only, whatever its length. Pure.

export interface Block {
  text: string;
  /** Offset of the block in the text (a stable key). */
  start: number;
  /** True when the block continues the paragraph before it (a long paragraph cut in pieces). */
  cont: boolean;
}

/** Longest block: a paragraph longer than this is painted as several. */
export const MAX_BLOCK_CHARS = 1_500;

/** Where a long paragraph is best cut, in order of preference: after a sentence, then after a clause. */
const SENTENCE_END = /[。！？；!?;…]/g;
const CLAUSE_END = /[，、：,:\s]/g;

/** The last match end of `re` in `s`, or -1. */
function lastEnd(s: string, re: RegExp): number {
  let end = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) end = m.index + m[0].length;
  return end;
}

/** Length of the piece to cut from `window` (longer than max): at a sentence, a clause, or at max without splitting a surrogate pair. */
function cutLength(window: string, max: number): number {
  const head = window.slice(0, max);
  // Keep pieces from getting tiny: a break in the first third is not worth it.
  const floor = Math.floor(max / 3);
  for (const re of [SENTENCE_END, CLAUSE_END]) {
    const at = lastEnd(head, re);
    if (at > floor) return at;
  }
  const code = head.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Blocks of `text` from offset `from`, up to `count` of them and, once `budget` characters are
 * taken, no more; `next` is where the following call starts (text.length at the end). Paragraphs
 * are separated by line breaks; blank ones are skipped. Each call reads at most about
 * min(count × maxChars, budget + maxChars) characters.
 */
export function readBlocks(
  text: string,
  from: number,
  count: number,
  budget = Infinity,
  maxChars = MAX_BLOCK_CHARS,
): { blocks: Block[]; next: number } {
  const blocks: Block[] = [];
  let i = from;
  let taken = 0;
  while (blocks.length < count && taken < budget && i < text.length) {
    if (text.charCodeAt(i) === 10 /* \n */) {
      i++;
      continue;
    }
    // Look no further than one block ahead: a paragraph of megabytes is not scanned per block.
    const window = text.slice(i, i + maxChars + 1);
    const nl = window.indexOf('\n');
    const len = nl >= 0 ? nl : window.length > maxChars ? cutLength(window, maxChars) : window.length;
    const piece = window.slice(0, Math.max(1, len));
    if (piece.trim() !== '') {
      blocks.push({ text: piece, start: i, cont: i > 0 && text.charCodeAt(i - 1) !== 10 });
      taken += piece.length;
    }
    i += piece.length;
  }
  return { blocks, next: i };
}
