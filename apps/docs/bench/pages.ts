/**
 * `pnpm bench` for the docs site: what every page of every language weighs at
 * first load (HTML + stylesheets + scripts, gzip), against vanilla Starlight
 * built in the same run with the same locales and words (bench/vanilla.ts; goal
 * ≤ 1.1× the vanilla page), and Lighthouse's four scores for the overview in
 * English and German, in Debian's Chromium against the built site. Prints a
 * table and writes ../../bench/results/docs.json.
 */
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { writeBenchReport, type Metric } from '@csp-enablement/testkit/bench';
import { BROWSER_ARGS } from '@csp-enablement/testkit/browser';
import { spawnGroup } from '@csp-enablement/testkit/child';
import { BROWSER, launchChromium, sitePages, startServer } from '../e2e/harness.ts';
import { buildVanillaStarlight } from './vanilla.ts';

/** Each page's first load may be at most this many times the vanilla Starlight page's. */
const MAX_RATIO_TO_VANILLA = 1.1;
const LIGHTHOUSE_PAGES = ['/', '/de/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const kb = (bytes: number): number => Math.round((bytes / 1024) * 100) / 100;

interface Weight {
  path: string;
  html: number;
  css: number;
  js: number;
  jsRaw: number;
}

/** First-load weight of each page: main-frame HTML, CSS and JS, each gzip-compressed. */
async function weighPages(base: string): Promise<Weight[]> {
  const browser = await launchChromium();
  try {
    const weights: Weight[] = [];
    for (const path of sitePages()) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const pending: Promise<void>[] = [];
      const weight: Weight = { path, html: 0, css: 0, js: 0, jsRaw: 0 };
      // First load: what the page asks for before DOMContentLoaded, i.e. its HTML
      // and the stylesheets and scripts it references. Later requests are on
      // demand: Pagefind's search UI (Starlight fetches it when the browser is
      // idle) and the lazy email frames.
      const firstLoad = new Set<unknown>();
      let loaded = false;
      page.on('request', (request) => {
        if (!loaded) firstLoad.add(request);
      });
      page.on('domcontentloaded', () => {
        loaded = true;
      });
      page.on('response', (response) => {
        const request = response.request();
        if (!firstLoad.has(request)) return;
        if (request.frame() !== page.mainFrame()) return; // email frames load on demand
        const type = request.resourceType();
        if (type !== 'document' && type !== 'stylesheet' && type !== 'script') return;
        pending.push(
          response.body().then((body) => {
            const size = gzipSync(body).length;
            if (type === 'document') weight.html += size;
            else if (type === 'stylesheet') weight.css += size;
            else {
              weight.js += size;
              weight.jsRaw += body.length;
            }
          }),
        );
      });
      await page.goto(new URL(path, base).href, { waitUntil: 'networkidle' });
      await page.waitForTimeout(200);
      await Promise.all(pending);
      weights.push(weight);
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Lighthouse (default mobile settings) in a Chromium it can attach to over CDP. */
async function lighthouseScores(base: string): Promise<Map<string, Record<string, number>>> {
  const port = await freePort();
  const chrome = spawnGroup(
    BROWSER.path,
    [
      ...BROWSER_ARGS,
      `--remote-debugging-port=${port}`,
      '--user-data-dir=/tmp/docs-bench-chromium',
      'about:blank',
    ],
    { cwd: process.cwd() },
  );
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
      } catch {
        if (i > 100) throw new Error('Chromium did not start');
      }
      await sleep(100);
    }
    const scores = new Map<string, Record<string, number>>();
    for (const path of LIGHTHOUSE_PAGES) {
      // Lighthouse varies from run to run on a busy machine: the median of three runs counts.
      const runs: Record<string, number>[] = [];
      for (let run = 0; run < 3; run++) {
        const result = await lighthouse(new URL(path, base).href, {
          port,
          logLevel: 'error',
          output: 'json',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const lhr = result.lhr;
        const byCategory: Record<string, number> = {};
        for (const category of CATEGORIES)
          byCategory[category] = lhr.categories[category]?.score ?? 0;
        const failing = Object.values(lhr.audits)
          .filter(
            (audit) =>
              audit.score !== null &&
              audit.score < 1 &&
              audit.scoreDisplayMode !== 'informative' &&
              audit.scoreDisplayMode !== 'manual' &&
              audit.scoreDisplayMode !== 'notApplicable',
          )
          .map((audit) => `${audit.id} (${String(audit.score)})`);
        if (failing.length > 0)
          console.log(`Lighthouse ${path} (run ${run + 1}): audits below 1: ${failing.join(', ')}`);
        runs.push(byCategory);
      }
      const median: Record<string, number> = {};
      for (const category of CATEGORIES) {
        const sorted = runs.map((r) => r[category] ?? 0).sort((a, b) => a - b);
        median[category] = sorted[1] ?? 0;
      }
      scores.set(path, median);
    }
    return scores;
  } finally {
    await chrome.stop();
  }
}

// --- vanilla Starlight, same locales and words, same run (issue 13) ---
const paths = sitePages();
const vanilla = await buildVanillaStarlight(paths);
let vanillaWeights: Weight[];
try {
  const vanillaServer = await startServer({ port: 0, root: vanilla.dist });
  try {
    vanillaWeights = await weighPages(vanillaServer.url);
  } finally {
    await vanillaServer.close();
  }
} finally {
  vanilla.remove();
}
const languageOf = (path: string): string => /^\/(de|fr|es|it|nl|sv)\//.exec(path)?.[1] ?? 'en';
// --- end vanilla Starlight ---

const server = await startServer({ port: 0 });
let metrics: Metric[];
try {
  const weights = await weighPages(server.url);
  const total = (w: Weight): number => w.html + w.css + w.js;
  const largest = weights.reduce((a, b) => (total(b) > total(a) ? b : a));
  const overview = weights.find((w) => w.path === '/');
  const gallery = weights.find((w) => w.path === '/email-gallery/');
  if (!overview || !gallery) throw new Error('overview or gallery page missing from dist/');
  const scores = await lighthouseScores(server.url);

  // --- ratio to vanilla Starlight, per page and per language (issue 13) ---
  const ratios = weights.map((w) => {
    const base = vanillaWeights.find((v) => v.path === w.path);
    if (!base || total(base) === 0) throw new Error(`vanilla Starlight has no page ${w.path}`);
    return { path: w.path, ours: total(w), vanilla: total(base), ratio: total(w) / total(base) };
  });
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  const byLanguage = [...new Set(ratios.map((r) => languageOf(r.path)))].map((lang) => {
    const mine = ratios.filter((r) => languageOf(r.path) === lang);
    const heaviest = mine.reduce((a, b) => (b.ours > a.ours ? b : a));
    const worst = mine.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    return { lang, pages: mine.length, heaviest, worst };
  });
  console.log('\nFirst load against vanilla Starlight (KB, gzip)');
  console.table(
    ratios.map((r) => ({
      page: r.path,
      ours: kb(r.ours),
      vanilla: kb(r.vanilla),
      ratio: round2(r.ratio),
    })),
  );
  // --- end ratio ---

  metrics = [
    { name: 'pages', value: weights.length, unit: 'pages' },
    ...byLanguage.flatMap(({ lang, pages, heaviest, worst }) => [
      { name: `${lang}: pages`, value: pages, unit: 'pages' },
      {
        name: `${lang}: largest first load, HTML+CSS+JS gzip (${heaviest.path})`,
        value: kb(heaviest.ours),
        unit: 'KB',
      },
      {
        name: `${lang}: largest ratio to vanilla Starlight (${worst.path}: ${String(kb(worst.ours))} / ${String(kb(worst.vanilla))} KB)`,
        value: round2(worst.ratio),
        unit: '×',
        ratio: round2(worst.ratio),
        goal: `<= ${String(MAX_RATIO_TO_VANILLA)}`,
        ok: worst.ratio <= MAX_RATIO_TO_VANILLA,
      },
    ]),
    {
      name: `largest first load, HTML+CSS+JS gzip (${largest.path})`,
      value: kb(total(largest)),
      unit: 'KB',
    },
    { name: 'overview first load, HTML+CSS+JS gzip', value: kb(total(overview)), unit: 'KB' },
    { name: 'gallery first load, HTML+CSS+JS gzip', value: kb(total(gallery)), unit: 'KB' },
    { name: 'overview JS (gzip)', value: kb(overview.js), unit: 'KB' },
    { name: 'overview JS (uncompressed)', value: overview.jsRaw, unit: 'bytes' },
    ...[...scores].flatMap(([path, byCategory]) =>
      CATEGORIES.map((category) => ({
        name: `Lighthouse ${category} ${path}`,
        value: byCategory[category] ?? 0,
        unit: 'score',
        ratio: byCategory[category] ?? 0,
        goal: '1.00',
        ok: (byCategory[category] ?? 0) >= 1,
      })),
    ),
  ];
  console.log('\nFirst load per page (KB, gzip)');
  console.table(
    weights.map((w) => ({
      page: w.path,
      html: kb(w.html),
      css: kb(w.css),
      js: kb(w.js),
      total: kb(total(w)),
    })),
  );
} finally {
  await server.close();
}

writeBenchReport('docs', metrics);
console.table(metrics);
