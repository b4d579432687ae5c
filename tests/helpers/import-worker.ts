// The import worker in this process, for glue tests: the worker's own reader (readImportFile) with
// Node's pdf.js and linkedom, answering asynchronously as a Worker would.
import { parseHTML } from 'linkedom';
import { sha256Hex } from '@/utils/import-common';
import { readImportFile } from '@/utils/import-read';
import type { FromImportWorker, ImportWorkerLike, ToImportWorker } from '@/utils/import';
import { nodePdf } from './pdfjs-node';

const parseHtml = (html: string) => parseHTML(html).document as unknown as Document;

/** `log` gets each path sent, and 'terminate'. */
export function inProcessWorker(log: string[] = []): ImportWorkerLike {
  const w: ImportWorkerLike = {
    onmessage: null,
    onerror: null,
    terminate: () => log.push('terminate'),
    postMessage(msg: ToImportWorker) {
      log.push(msg.path);
      void (async () => {
        const bytes = new Uint8Array(await msg.file.arrayBuffer());
        const result = await readImportFile(msg.path, bytes, { pdf: nodePdf, parseHtml, now: new Date(msg.now) });
        const docs = await Promise.all(result.docs.map(async (d) => ({ ...d, sha256: await sha256Hex(d.lineBytes ?? bytes) })));
        const reply: FromImportWorker = { type: 'read', id: msg.id, docs, failures: result.failures, bytes, sha256: await sha256Hex(bytes) };
        w.onmessage?.({ data: reply } as MessageEvent<FromImportWorker>);
      })();
    },
  };
  return w;
}
