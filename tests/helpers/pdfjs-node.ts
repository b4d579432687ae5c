// pdf.js for Node tests: the CLI's setup (legacy build, character maps, standard fonts), so the
// tests read PDFs exactly as `tifa-lens analyze` does.
export { nodePdf } from '../../cli/pdfjs-node';
