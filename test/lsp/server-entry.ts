// The CLI from source, as a process: the language server tests talk to it over stdio.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
