// The decoder lives in the pure core (analysis/files/decode) so the dashboard's import reads text
// files exactly as the CLI does; the CLI's modules keep importing it from here.
export { canonicalEncoding, declaredHtmlCharset, decodeText, looksBinary, type TextEncodingName } from '../analysis/files/decode';
