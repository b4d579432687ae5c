// The attachments a page links (「附件：2024年党建工作要点.pdf」): links to a file of a kind documents
// come in, recognised by the file's extension in the link's address or in its text. Runs in the page
// (entrypoints/attachments.ts, on the user's click) and in tests; reads the DOM, changes nothing.

/** Kinds of attachment a page may link. pdf and docx are read; the rest are listed and refused. */
export type AttachmentKind = 'pdf' | 'docx' | 'doc' | 'wps' | 'xls' | 'xlsx';

export interface AttachmentLink {
  url: string;
  /** The link's text (or its title attribute), in one line. */
  text: string;
  /** The attachment's name as a title: the text without 「附件1：」 and without its extension. */
  title: string;
  kind: AttachmentKind;
}

const KINDS: readonly AttachmentKind[] = ['pdf', 'docx', 'doc', 'wps', 'xls', 'xlsx'];
/** The extension at the end of a path or a name: 「….PDF」, 「…/P0202405.docx」. */
const EXTENSION = /\.([a-z]{3,4})$/i;
/** 「附件1：」「附件 2.」「附件：」「附件一、」 before an attachment's name. */
const ATTACHMENT_LABEL = /^\s*(?:附件|附)\s*[0-9０-９一二三四五六七八九十]*\s*[:：、.．]?\s*/;

/** Kinds Tifa Lens reads from a fetched attachment. */
export function readableAttachment(kind: AttachmentKind): boolean {
  return kind === 'pdf' || kind === 'docx';
}

function kindOf(name: string): AttachmentKind | null {
  const m = EXTENSION.exec(name.trim());
  const ext = m?.[1]?.toLowerCase();
  return ext && (KINDS as readonly string[]).includes(ext) ? (ext as AttachmentKind) : null;
}

const oneLine = (s: string) => s.replace(/[\s\u3000]+/g, ' ').trim();

/** The attachments linked under `root`, each address once, in the page's order. */
export function findAttachmentLinks(root: ParentNode, base: string): AttachmentLink[] {
  const out: AttachmentLink[] = [];
  const seen = new Set<string>();
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (!href || /^(javascript:|mailto:|#)/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const text = oneLine(a.getAttribute('title') || a.textContent || '');
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // A malformed escape: the raw path still shows its extension.
    }
    const kind = kindOf(path) ?? kindOf(text);
    if (!kind) continue;
    url.hash = '';
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const title = oneLine(text.replace(ATTACHMENT_LABEL, '').replace(EXTENSION, ''));
    out.push({ url: url.href, text, title, kind });
  }
  return out;
}
