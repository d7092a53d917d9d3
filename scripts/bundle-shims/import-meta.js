// import.meta in the CommonJS bundle of the CLI (dist/cli/main.cjs, scripts/build.mjs): the
// bundled modules read import.meta.url and import.meta.dirname, which CommonJS lacks. Each
// module in the ES module bundle saw the bundle's own file; here they see the CommonJS one.
export const __bulwarkImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
export const __bulwarkImportMetaDirname = __dirname;
