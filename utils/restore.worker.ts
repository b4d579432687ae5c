// Restore Web Worker: streams a backup file, checks each element and writes batches to the
// extension's database, off the page's main thread. All logic is in RestoreHost
// (utils/restore-client.ts); this file only wires.
import { RestoreHost, type FromRestoreWorker, type ToRestoreWorker } from './restore-client';

const scope = self as unknown as { postMessage(m: FromRestoreWorker): void; onmessage: ((e: MessageEvent<ToRestoreWorker>) => void) | null };

const host = new RestoreHost((m) => scope.postMessage(m));
scope.onmessage = (event) => host.receive(event.data);
