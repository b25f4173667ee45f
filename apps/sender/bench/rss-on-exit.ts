/**
 * Loaded with `node --import` into a `csp-sender` command the bench runs:
 * writes the process's peak RSS (kilobytes) to BENCH_RSS_FILE when it exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file)
  process.once('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
