// Character-level normalisation shared by the cleaner (analysis/clean) and the analysis normaliser
// (analysis/normalize). Pure string functions; no DOM, no environment.

/** Zero-width and invisible format characters that copy-protection scripts and wiki exports leave in text. */
export const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Remove zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen). */
export function stripZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/**
 * Full-width ASCII variants (！ to ～, U+FF01–FF5E) to their ASCII forms, for digits and Latin letters
 * only: Chinese punctuation such as ，。：（） is part of the writing and stays as written.
 */
export function toHalfWidthAlnum(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
    String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** True for a CJK ideograph (BMP unified and extension A, compatibility ideographs). */
export function isHan(ch: string): boolean {
  return /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/.test(ch);
}

/**
 * How several issuing organisations are joined into one `org` string, everywhere (stored records,
 * the dashboard's filters, CSV cells). A full-width semicolon never occurs inside an organisation's
 * name, unlike 、 or a space, so the joined form splits back unambiguously.
 */
export const ORG_SEPARATOR = '；';

export function joinOrgs(orgs: readonly string[]): string {
  return orgs.join(ORG_SEPARATOR);
}

/**
 * What a person types into an organisations field: names separated by the shared separator, a
 * semicolon or comma (either width) or line breaks. 、 is not a separator: it occurs inside names.
 */
const ORG_INPUT_SEPARATORS = /[;；,，\n]+/;

/** The inverse of joinOrgs, tolerant of the separators people type. */
export function splitOrgs(input: string): string[] {
  return input
    .split(ORG_INPUT_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
}
