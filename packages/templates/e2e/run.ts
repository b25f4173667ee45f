import { mustRunCommand, runCommand, type CommandResult } from '@csp-enablement/testkit/child';

/**
 * Each command's deadline: shorter than the e2e test timeout (300 s), so a hung
 * install fails its test with its own output instead of outliving it.
 */
export const COMMAND_TIMEOUT_MS = 180_000;

/** npm settings that decide how the network is reached and whom it trusts. */
const NETWORK_NPM_CONFIG =
  /^npm_config_(cafile|ca|cert|key|strict_ssl|proxy|https_proxy|http_proxy|noproxy|no_proxy|maxsockets)$/i;

/**
 * The environment for a child command: this process's, less the `npm_*`
 * variables that the outer `pnpm` run sets. Those carry the outer registry
 * (`npm_config_registry`) and would override the rehearsal's .npmrc, sending a
 * publish to the public registry instead of the local one. The network settings
 * (proxy, CA) stay: behind a TLS-inspecting proxy nothing installs without them.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || NETWORK_NPM_CONFIG.test(key)) env[key] = value;
  }
  return { ...env, CI: 'true', ...extra };
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export type RunResult = CommandResult;

/** Runs a command to completion or its deadline; the result carries the exit code. */
export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  return runCommand(command, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
  });
}

/** Like run, but a non-zero exit or the deadline fails with the command's own output. */
export function mustRun(command: string, args: string[], options: RunOptions): Promise<string> {
  return mustRunCommand(command, args, {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    timeoutMs: options.timeoutMs ?? COMMAND_TIMEOUT_MS,
  });
}
