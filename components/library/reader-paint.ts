// Painting the reader's blocks straight into the DOM, a window at a time. Each window appends its
// paragraphs and touches nothing already painted, so a window costs its own size whatever the
// length of the text above it. Rendered through the virtual DOM, every window re-diffed all the
// paragraphs before it; and with content-visibility on each paragraph, every frame checked each of
// them against the viewport (a 1 MB text: 5,000 paragraphs, tasks growing to 250-370 ms). So a
// window's paragraphs share one wrapper that skips layout and paint while off screen: a few
// hundred of those for a megabyte. Text goes in as text nodes and <mark> elements only, never HTML.
import type { Block } from './reader-blocks';
import type { Highlighter } from './highlight';

/** A paragraph grows across windows up to this many characters; then the next window starts a new element for the rest (laying out one paragraph costs its length). */
export const PARAGRAPH_GROWTH_CHARS = 48_000;
/** For the size of a wrapper not yet laid out: characters per line at the reader's width (48rem of 15px text), and the line height and paragraph gap in em (style.css). */
const CHARS_PER_LINE = 50;
const LINE_EM = 1.85;
const GAP_EM = 0.8;

function estimateEm(chars: readonly number[]): number {
  return chars.reduce((sum, n) => sum + Math.max(1, Math.ceil(n / CHARS_PER_LINE)) * LINE_EM + GAP_EM, 0);
}

/**
 * Append `blocks` to `host` as one window: a block that continues its paragraph joins the
 * paragraph before it (a long paragraph's pieces flow as one, up to PARAGRAPH_GROWTH_CHARS), any
 * other starts a new <p>. `title` names a formulation's mark. Stops early, after at least one
 * block, once the clock passes `until` (performance.now()); returns how many blocks it painted.
 */
export function paintBlocks(
  host: HTMLElement,
  blocks: readonly Block[],
  highlighter: Highlighter,
  title: (term: string, category: string | undefined) => string,
  until = Infinity,
): number {
  const doc = host.ownerDocument;
  const chunk = doc.createElement('div');
  chunk.className = 'tl-reader-chunk';
  const sizes: number[] = [];
  const previous = host.lastElementChild?.lastElementChild as HTMLElement | null | undefined;
  let paragraph: HTMLElement | null = previous && (previous.textContent ?? '').length < PARAGRAPH_GROWTH_CHARS ? previous : null;
  let painted = 0;
  for (const block of blocks) {
    if (painted > 0 && performance.now() > until) break;
    painted++;
    if (!block.cont || !paragraph) {
      paragraph = doc.createElement('p');
      // The rest of a very long paragraph: no gap above it (the paragraph margin is 0.8em).
      if (block.cont) paragraph.setAttribute('style', 'margin-top: -0.8em');
      chunk.append(paragraph);
      sizes.push(0);
    }
    const span = doc.createElement('span');
    span.dataset.block = String(block.start);
    for (const s of highlighter.split(block.text)) {
      if (s.term) {
        const mark = doc.createElement('mark');
        mark.className = 'tl-hl';
        mark.title = title(s.term, s.category);
        mark.dataset.term = s.term;
        mark.textContent = s.text;
        span.append(mark);
      } else span.append(s.text);
    }
    paragraph.append(span);
    if (sizes.length) sizes[sizes.length - 1]! += block.text.length;
  }
  if (!chunk.firstChild) return painted;
  // Off screen, the wrapper skips layout and paint (find in page still reaches its text); until
  // it has been laid out once, it stands as tall as its text is estimated to be.
  chunk.setAttribute('style', `content-visibility: auto; contain-intrinsic-size: auto ${estimateEm(sizes).toFixed(1)}em;`);
  host.append(chunk);
  return painted;
}
