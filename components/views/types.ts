// The contract between the dashboard shell (components/dashboard: data, filters, routing) and the
// analytic views (components/views: Terms, Trends, Formulations, Structure, Compare). The shell
// loads documents and their stored analyses, applies the filters, and hands each view plain data.
import type { DocAnalysis, DocFacet } from '../../analysis/types';
import type { Aggregator } from '../../analysis/queries';
import type { LexiconEntry } from '../../analysis/lexicon';


/** The one lexicon entry type (analysis/lexicon), re-exported for the views. */
export type { LexiconEntry };

export interface ViewProps {
  /** Documents that pass the current filters. */
  facets: DocFacet[];
  /** Stored analyses by docId (String of the documents table id). A filtered doc may not be analysed yet. */
  analyses: Map<string, DocAnalysis>;
  /** The whole library, for views that compare a subset with another (Compare). */
  allFacets: DocFacet[];
  allAnalyses: Map<string, DocAnalysis>;
  /** Cleaned text of one document (for KWIC and the reader). */
  getText(docId: string): Promise<string>;
  /** Open a document in the Library's reader. */
  openDoc(docId: string): void;
  /** The effective lexicon (built-in + the user's). */
  lexicon: LexiconEntry[];
  /** Add a discovered formulation to the user lexicon (re-analysis follows in the background). */
  addToLexicon(term: string, category: string): Promise<void>;
  /** View-local state kept in the page URL so a view can be shared (selected terms, measure, split…). */
  param(key: string): string | null;
  setParam(key: string, value: string | null): void;
  /**
   * Where corpus queries are answered: the dashboard's aggregation worker (tests inject an
   * in-process one). The analyses above come without their term counts (`terms` empty: the worker
   * holds them); anything summed over terms, and anything that reads texts, is asked of it
   * (analysis/queries.ts).
   */
  aggregates: Aggregator;
}
