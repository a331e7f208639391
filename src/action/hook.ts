#!/usr/bin/env node
/**
 * Entry of the self-contained CLI bundle (bundle/podlint.mjs) that the pre-commit hook runs: the same
 * command line as bin/podlint.js, without `npm install` or a build step (see .pre-commit-hooks.yaml).
 */
import { main } from '../cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
