// Loaded with `node --import` by scripts/bench.mjs: prints the process's peak memory at exit.
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
