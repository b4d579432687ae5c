// Why a file cannot be read, as a typed error: a code for programs (the CLI's skipped.csv, the
// dashboard's import summary) and a one-line message for people that names the problem and what to do.

export type FileErrorCode =
  /** A PDF whose pages carry no text (a scan or photos): nothing to read without OCR. */
  | 'pdf-no-text'
  /** A PDF that needs a password to open. */
  | 'pdf-encrypted'
  /** A file that starts like a PDF but cannot be parsed. */
  | 'pdf-damaged'
  /** A Word 97–2003 (.doc) or WPS (.wps) binary file (OLE compound file). */
  | 'old-word-format'
  /** A file that starts like a .docx (a ZIP) but cannot be converted. */
  | 'docx-damaged'
  /** A .docx, PDF or other readable format whose text is empty. */
  | 'empty'
  /** A format no reader handles (images, spreadsheets, archives, …). */
  | 'unsupported';

const MESSAGES: Record<FileErrorCode, string> = {
  'pdf-no-text': 'a scan: no text layer — run OCR first (or find the text version of the document)',
  'pdf-encrypted': 'an encrypted PDF that needs a password — open it, save an unprotected copy, and import that',
  'pdf-damaged': 'a damaged PDF that cannot be parsed — download it again',
  'old-word-format': 'an old Word/WPS format — save it as .docx or PDF, and import that',
  'docx-damaged': 'a damaged .docx that cannot be converted — open it in Word or WPS and save it again',
  empty: 'no text in the file',
  unsupported: 'not a format Tifa Lens reads — use .pdf, .docx, .txt, .html or .jsonl',
};

/** A file refused by a reader. `message` is one line; `detail` keeps the library's own words, if any. */
export class FileReadError extends Error {
  override name = 'FileReadError';
  readonly code: FileErrorCode;
  readonly detail?: string;

  constructor(code: FileErrorCode, detail?: string) {
    super(MESSAGES[code]);
    this.code = code;
    if (detail) this.detail = detail.replace(/\s+/g, ' ').trim();
  }
}

/** The one-line reason for a refusal (the text of a FileReadError with that code). */
export function refusalReason(code: FileErrorCode): string {
  return MESSAGES[code];
}

export function isFileReadError(err: unknown): err is FileReadError {
  return err instanceof FileReadError;
}
