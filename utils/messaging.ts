// The extension's one message protocol (extension pages ⇄ background). Page extraction does not use
// messages: the injected script's return value comes back through scripting.executeScript.
//
// Protocol version 1. To change a message's shape, add a new message name rather than altering an
// existing one: a popup and a service worker of different builds may briefly talk to each other
// after an update.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { FetchJob, FetchJobState } from './import-fetch';
import type { Message } from './i18n';

/** The answer of the offscreen document to `buildBackupBlob`: a blob URL of the backup, or why none was made. */
export type BuiltBlob = { url: string; bytes: number } | { problem: Message };

export interface DocumentSavedEvent {
  /** Ids of the documents written. */
  ids: number[];
  kind: 'added' | 'updated';
  /** The tab the document was clipped from, when there is one (the background marks its badge). */
  tabId?: number;
  title: string;
}

export interface ProtocolMap {
  /**
   * Sent after a document is stored. The background marks the tab's toolbar badge; an open library
   * page may refresh or queue the document for analysis.
   */
  documentSaved(event: DocumentSavedEvent): void;
  /**
   * Popup → background: fetch and clip these linked documents (attachments, a list page's entries),
   * one request at a time. The popup asked for the sites' permission first. False when a batch is
   * already running (one at a time).
   */
  startFetchJob(job: FetchJob): boolean;
  /** The batch running or last run since the background woke, or null. */
  fetchJobState(): FetchJobState | null;
  /** Stop the running batch before its next request. */
  cancelFetchJob(): void;
  /** Background → pages: the batch's progress, after every item. */
  fetchJobProgress(state: FetchJobState): void;
  /**
   * Background → the offscreen document (Chrome): build the automatic backup from the database and
   * answer a blob: URL of it (a service worker cannot make one), or the problem.
   */
  buildBackupBlob(): BuiltBlob;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>({
  // Unanswered notifications are expected (no library page open): keep the console quiet.
  logger: undefined,
});

/** Send a notification nobody may be listening to; a missing receiver is not an error. */
export async function notify<K extends keyof ProtocolMap>(type: K, data: Parameters<ProtocolMap[K]>[0]): Promise<void> {
  try {
    await sendMessage(type, data as never);
  } catch {
    // "Receiving end does not exist": no other extension page or worker is awake. Nothing to do.
  }
}
