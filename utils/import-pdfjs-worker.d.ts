// pdf.js's worker module ships without type declarations; the import worker only hands it to pdf.js.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs' {
  export const WorkerMessageHandler: unknown;
}
