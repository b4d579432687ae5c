// A page capture for tests that store documents: the text as the article, no page source.
import type { PageCapture } from '@/analysis/types';

export function testCapture(text: string, url: string, overrides: Partial<PageCapture> = {}): PageCapture {
  return { url, pageTitle: '', articleHtml: '', articleText: text, pageText: '', meta: { tags: {}, govInfo: {} }, capturedAt: '2024-01-01T00:00:00.000Z', ...overrides };
}
