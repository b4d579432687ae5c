// What the aggregation worker reads from the extension's database itself (same origin as the
// page): stored analyses sent by reference, and the cleaned texts that KWIC and recurring-phrase
// search read. Read-only, and kept apart from the library service so the worker bundles Dexie and
// nothing of the UI's glue. The worker wires these; tests give them to an in-process AggregateHost.
import type { TextSource } from '../analysis/queries';
import type { AnalysisLoader } from './aggregate-client';
import { openDatabase } from './db';

export function databaseAnalyses(name: string): AnalysisLoader {
  const database = openDatabase(name);
  return (ids) => database.analyses.bulkGet(ids);
}

export function databaseTexts(name: string): TextSource {
  const database = openDatabase(name);
  return { readText: async (docId) => (await database.documents.get(Number(docId)))?.text ?? '' };
}
