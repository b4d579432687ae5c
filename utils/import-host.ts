// The import's reading, wherever it runs: the dashboard's import worker (./import.worker.ts) and the
// background's fetches (a service worker cannot start a worker of its own, so it reads in its own
// thread, which is off every page already). pdf.js runs its own worker code in this thread, and
// saved or fetched pages are parsed by linkedom: nothing fetched is ever rendered or run.
import * as pdfjs from 'pdfjs-dist';
// pdf.js cannot start a nested worker here (it looks for `window.location`) and would fall back to
// fetching its worker script at run time. Handing it the module as `globalThis.pdfjsWorker` makes
// that fallback a plain in-thread call, with nothing loaded later.
import * as pdfjsWorker from 'pdfjs-dist/build/pdf.worker.min.mjs';
import { parseHTML } from 'linkedom';
import { readImportFile } from './import-read';
import { sha256Hex } from './import-common';
import type { FromImportWorker, ImportWorkerLike, ToImportWorker } from './import';

(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = pdfjsWorker;

const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;

/** Read one file of an import: the documents it holds, or an error; `transfer` lists what may be moved to the page. */
export async function answerImport(msg: ToImportWorker): Promise<{ reply: FromImportWorker; transfer: Transferable[] }> {
  try {
    const bytes = new Uint8Array(await msg.file.arrayBuffer());
    const result = await readImportFile(msg.path, bytes, {
      pdf: { pdfjs, documentOptions: { cMapUrl: msg.assets.cMapUrl, cMapPacked: true, standardFontDataUrl: msg.assets.standardFontDataUrl } },
      parseHtml,
      now: new Date(msg.now),
    });
    const docs = await Promise.all(result.docs.map(async (d) => ({ ...d, sha256: await sha256Hex(d.lineBytes ?? bytes) })));
    return { reply: { type: 'read', id: msg.id, docs, failures: result.failures, bytes, sha256: await sha256Hex(bytes) }, transfer: [bytes.buffer] };
  } catch (err) {
    return { reply: { type: 'error', id: msg.id, message: String((err as Error)?.message ?? err) }, transfer: [] };
  }
}

/** An ImportWorkerLike that reads in this thread (the background's). */
export function createInThreadReader(): ImportWorkerLike {
  const reader: ImportWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      void answerImport(message).then(({ reply }) => reader.onmessage?.({ data: reply } as MessageEvent<FromImportWorker>));
    },
    terminate() {
      reader.onmessage = null;
    },
  };
  return reader;
}
