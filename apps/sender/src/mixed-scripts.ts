/** Look-alike domains: a label that mixes scripts is refused (see addresses.ts). */

// Scripts a domain label may not mix (Latin "contoso" with a Cyrillic "о" looks
// like the real one). Japanese and Korean labels mix Han with their own scripts.
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Georgian',
  'Thai',
  'Devanagari',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
].map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));
const ALLOWED_MIXES = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** Whether a domain label mixes scripts in a way no real language writes. */
export function mixesScripts(label: string): boolean {
  const seen = new Set<string>();
  for (const ch of label) {
    const script = SCRIPTS.find((s) => s.pattern.test(ch));
    if (script) seen.add(script.name);
  }
  if (seen.size <= 1) return false;
  return !ALLOWED_MIXES.some((allowed) => [...seen].every((s) => allowed.has(s)));
}
