#!/usr/bin/env node
/**
 * The `csp-sender` entry: it only checks the Node version, then loads the commands.
 * The commands import `node:sqlite`, which an older Node cannot even resolve: a static
 * import would crash with ERR_UNKNOWN_BUILTIN_MODULE before any check of ours could run,
 * so the rest is imported dynamically, after the check. Keep this file free of static imports.
 */
const NEEDED_MAJOR = 24;

const major = Number(process.versions.node.split('.')[0]);
if (!(major >= NEEDED_MAJOR)) {
  process.stderr.write(
    `csp-sender needs Node.js ${NEEDED_MAJOR} or newer (this is ${process.version}): run it with \`pnpm sender …\` from the repository (it runs on the repository's own Node ${NEEDED_MAJOR}), or install Node ${NEEDED_MAJOR}.\n`,
  );
  process.exitCode = 2;
} else {
  // Node's on-disk cache of compiled modules (in the OS temp folder), as Node recommends for
  // command-line tools: every later run starts faster (about a fifth less start-up CPU).
  const { enableCompileCache } = await import('node:module');
  enableCompileCache();
  await import('./main.js');
}
