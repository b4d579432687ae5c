// The reader's blocks: a text of any length is read a window at a time, every character of it in
// exactly one block (line breaks and blank paragraphs aside), long paragraphs cut where a sentence
// or a clause ends, never inside a surrogate pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_CHARS, readBlocks, type Block } from '../../components/library/reader-blocks';

function allBlocks(text: string, count: number, budget: number, max: number): Block[] {
  const out: Block[] = [];
  let at = 0;
  for (let guard = 0; at < text.length; guard++) {
    const { blocks, next } = readBlocks(text, at, count, budget, max);
    expect(next, 'progress').toBeGreaterThan(at);
    out.push(...blocks);
    at = next;
    if (guard > text.length + 1) throw new Error('no progress');
  }
  return out;
}

const PIECES = ['\n', '\n\n', ' ', '\u3000', '。', '，', '两个确立', '😀', 'a', '中'];
const texts = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 120 }).map((a) => a.join(''));

describe('reader blocks', () => {
  it('cover every character once, in order, within the size limit; what is left out is line breaks and blank runs', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 40 }), (text, count, max) => {
        const blocks = allBlocks(text, count, Infinity, max);
        let at = 0;
        for (const b of blocks) {
          expect(text.slice(b.start, b.start + b.text.length)).toBe(b.text);
          expect(b.start).toBeGreaterThanOrEqual(at);
          expect(text.slice(at, b.start).replace(/\n/g, '').trim()).toBe('');
          expect(b.text.length).toBeLessThanOrEqual(max);
          expect(b.text).not.toContain('\n');
          expect(b.text.trim()).not.toBe('');
          expect(b.cont).toBe(b.start > 0 && text[b.start - 1] !== '\n');
          at = b.start + b.text.length;
        }
        expect(text.slice(at).replace(/\n/g, '').trim()).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('one call reads one window, even in a 5 MB paragraph', () => {
    const sentence = '坚持两个确立，做到两个维护，推动高质量发展。';
    const text = sentence.repeat(Math.ceil(5_000_000 / sentence.length));
    const { blocks, next } = readBlocks(text, 0, 200, 30_000);
    const painted = blocks.reduce((n, b) => n + b.text.length, 0);
    expect(painted).toBeGreaterThanOrEqual(30_000);
    expect(painted).toBeLessThan(30_000 + MAX_BLOCK_CHARS);
    expect(next).toBe(painted);
    // Cut after a sentence: no formulation is split between blocks.
    for (const b of blocks) expect(b.text.endsWith('。')).toBe(true);
    expect(blocks.slice(1).every((b) => b.cont)).toBe(true);
  });

  it('stops at the block count on short paragraphs', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `第${i}段。`).join('\n');
    const { blocks } = readBlocks(text, 0, 40);
    expect(blocks).toHaveLength(40);
    expect(blocks.every((b) => !b.cont)).toBe(true);
    expect(blocks[39]!.text).toBe('第39段。');
  });

  it('never cuts inside a surrogate pair', () => {
    const text = '😀'.repeat(100);
    for (const b of allBlocks(text, 3, Infinity, 7)) expect(b.text).toMatch(/^(?:😀)+$/u);
  });
});
