import { readFileSync } from 'node:fs';

/**
 * This process's peak resident set in kilobytes. Linux's VmHWM belongs to the
 * process's own memory map; getrusage's maxRSS (process.resourceUsage) is kept
 * across exec, so a spawned child would report its parent's peak when that was
 * higher. Elsewhere, maxRSS is the best there is.
 */
export function peakRssKb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kb !== undefined) return Number(kb);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
