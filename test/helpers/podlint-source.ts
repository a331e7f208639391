/**
 * podlint's command line run from the TypeScript sources (`node --import tsx test/helpers/podlint-source.ts
 * …`): what bin/podlint.js does with dist/, without needing dist/ to be built and fresh. For tests that
 * run the CLI as its own process (test/integration/terminal.test.ts).
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
