// Import Web Worker: reads the files a user brings into the dashboard (PDF, .docx, text, saved pages,
// jsonl) off the page's thread and hands back the documents and each file's bytes with their SHA-256.
// The page writes the results (the database stays owned by the page). The reading is ./import-host's
// (pdf.js and linkedom wired for a thread without a page).
import { answerImport } from './import-host';
import type { FromImportWorker, ToImportWorker } from './import';

const scope = self as unknown as { postMessage(m: FromImportWorker, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<ToImportWorker>) => void) | null };

scope.onmessage = (event) => void answerImport(event.data).then(({ reply, transfer }) => scope.postMessage(reply, transfer));
