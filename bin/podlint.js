#!/usr/bin/env node
// The CLI runs from the self-contained bundle (bundle/podlint.mjs, built by scripts/build-bundles.mjs and
// checked fresh by the tests): one file to load instead of ~100 modules, which is most of a small run's
// start-up. The compiled modules in dist/ are the library (import 'podlint') and the fallback.
import fs from 'node:fs';

const bundled = new URL('../bundle/podlint.mjs', import.meta.url);
if (fs.existsSync(bundled) && !process.env.PODLINT_NO_BUNDLE) {
  await import(bundled.href);
} else {
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
