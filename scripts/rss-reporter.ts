/**
 * Preloaded with `node -r` by the benchmark: on exit, writes this process's peak RSS (KiB) to the
 * file named by BENCH_RSS_FILE. Works the same for compiled JS and for ts-node runs.
 */
import * as fs from 'fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
