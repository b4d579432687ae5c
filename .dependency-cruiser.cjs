// The house's layers, checked on every `npm run lint`: each folder imports only the ones below it.
//   entrypoints → components → utils → analysis;  cli → analysis;  bench → cli, utils, analysis
// analysis/ is the pure core: it runs in Node and in workers, so it never reaches the browser, the UI or the database.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes a module impossible to read or test alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'analysis-is-pure',
      severity: 'error',
      comment: 'analysis/ imports only analysis/ and pure libraries.',
      from: { path: '^analysis/' },
      to: { path: '^(utils|components|entrypoints|cli|bench|scripts|tests)/|^node_modules/(wxt|@wxt-dev|dexie|preact|@preact|chart\\.js|chartjs-chart-matrix|@webext-core)/' },
    },
    {
      name: 'utils-below-ui',
      severity: 'error',
      comment: 'utils/ is glue: it may use analysis/ but never the UI, the entry points, the CLI or the bench.',
      from: { path: '^utils/' },
      to: { path: '^(components|entrypoints|cli|bench|scripts|tests)/' },
    },
    {
      name: 'cli-on-the-core',
      severity: 'error',
      comment: 'The CLI runs the pure core in Node; the extension glue (utils/) and UI are not for it.',
      from: { path: '^cli/' },
      to: { path: '^(utils|components|entrypoints|bench|scripts|tests)/' },
    },
    {
      name: 'bench-measures-not-draws',
      severity: 'error',
      comment: 'bench/ measures the core, the glue and the CLI, never the UI.',
      from: { path: '^bench/' },
      to: { path: '^(components|entrypoints|tests)/' },
    },
    {
      name: 'components-are-ui',
      severity: 'error',
      comment: 'components/ may use utils/ and analysis/, never an entry point, the CLI or the bench.',
      from: { path: '^components/' },
      to: { path: '^(entrypoints|cli|bench|scripts|tests)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.output|\\.wxt|dist|tests)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
