import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The built bin (`pnpm build` first; turbo's test task depends on build).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs `csp-sender` with only the given environment; a hung run is killed after 30 s. */
export function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        SENDER_RETRY_BASE_MS: '5',
        SENDER_RETRY_MAX_MS: '20',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
