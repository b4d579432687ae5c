// A fetched page parsed as data: DOMParser builds an inert document (its scripts never run, nothing
// it links is loaded), which is only read.
export function parseDomHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
