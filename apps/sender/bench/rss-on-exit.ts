/**
 * Loaded with `node --import` into a `csp-sender` command the bench runs:
 * writes the process's peak RSS (kilobytes) to BENCH_RSS_FILE when it exits.
 */
import { writeFileSync } from 'node:fs';
import { peakRssKb } from './peak-rss.ts';

const file = process.env.BENCH_RSS_FILE;
if (file)
  process.once('exit', () => {
    writeFileSync(file, String(peakRssKb()));
  });
