import { readFileSync } from 'node:fs';

// Resolved from this module so it works from src/ (tests) and dist/ (consumers) alike.
const packageRoot = new URL('../', import.meta.url);

export const packageFile = (name: string): URL => new URL(name, packageRoot);

export const packageVersion: string = (
  JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }
).version;
