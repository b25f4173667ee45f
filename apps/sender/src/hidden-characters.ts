/**
 * Characters a person cannot see or that break a line: control characters (C0, DEL,
 * C1), zero-width and bidirectional-override characters, the byte order mark, and
 * the Unicode line and paragraph separators. An address or a sign-in name holding one
 * is refused rather than silently cleaned, so what is sent is exactly what was typed.
 */
const LINE_BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);
const HIDDEN_RANGES: [number, number][] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0xfeff, 0xfeff],
];

/** 'a line break', 'an invisible or control character', or undefined when there is none. */
export function hiddenCharacter(text: string): string | undefined {
  let hidden = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (LINE_BREAKS.has(code)) return 'a line break';
    if (HIDDEN_RANGES.some(([from, to]) => code >= from && code <= to)) hidden = true;
  }
  return hidden ? 'an invisible or control character' : undefined;
}

/** Trims ASCII spaces only: anything else at the ends is part of the value. */
export const trimSpaces = (text: string): string => text.replace(/^ +| +$/g, '');
