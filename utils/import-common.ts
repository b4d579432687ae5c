// What the import's page side and its worker share without loading any reader: the formats, the
// media type an original is downloaded as, and the SHA-256 of bytes. Kept apart from ./import-read so
// the dashboard's bundle never carries mammoth, pdf.js or the decoder (they live in the worker).

/** Formats an import turns into documents. */
export type ImportFormat = 'pdf' | 'docx' | 'txt' | 'html' | 'jsonl';

const MEDIA_TYPES: Record<ImportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  html: 'text/html',
  jsonl: 'application/x-ndjson',
};

/** SHA-256 (lower-case hex) of bytes, by the platform's crypto.subtle. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The media type an original of this format is downloaded as. */
export function mediaTypeOf(format: ImportFormat): string {
  return MEDIA_TYPES[format];
}

