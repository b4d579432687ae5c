// Stands in for @acemir/cssom, the CSS parser linkedom loads for <style>.sheet, in the extension's
// bundles: its browser build is a plain script without exports (the bundle fails on it), and its
// module build pulls in cssstyle. Nothing the import worker runs reads a style sheet (Readability
// and the cleaner look at markup only), so a sheet is always empty here.
export function parse(): { cssRules: never[] } {
  return { cssRules: [] };
}
