// Preloaded into every node process the bench starts (NODE_OPTIONS=--require): records the
// process's peak resident memory, in bytes, in BENCH_RSS_DIR when it exits.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_RSS_DIR;
if (dir) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in KiB.
    writeFileSync(join(dir, `${process.pid}`), String(process.resourceUsage().maxRSS * 1024));
  });
}
