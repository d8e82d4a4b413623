'use strict';
// The page's script: page/main.js with StanzaJS and the Node client's plain-JS helpers bundled by
// esbuild for the browser, in memory (a fraction of a second). The helpers' `./report` (stdout
// in Node) becomes page/report.js (events handed to the driver).

const path = require('path');
const esbuild = require('esbuild');

const pageReport = path.join(__dirname, 'page', 'report.js');

const reportToPage = {
  name: 'report-to-page',
  setup(build) {
    build.onResolve({ filter: /^\.\/report$/ }, args =>
      (args.importer.includes(`${path.sep}client${path.sep}lib${path.sep}`) ? { path: pageReport } : undefined));
  },
};

async function bundlePage() {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, 'page', 'main.js')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome110',
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    plugins: [reportToPage],
    logLevel: 'silent',
  });
  // Inline in a <script> element: no "</script" may appear in it.
  return result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
}

module.exports = { bundlePage };
