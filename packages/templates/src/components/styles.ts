import type { CSSProperties } from 'react';

// Inline styles only: many clients strip <style>. System fonts: no remote fonts.
const font = "-apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

// Fluid up to 600 px. The two layout tables are fixed-layout: an auto-layout table grows to
// fit its longest unbreakable line (the invitation address), which made every email 461 px
// wide on a phone. A fixed-layout table takes its width from the screen, so `word-wrap`
// can break that line. (`word-break` and `overflow-wrap` are not in caniemail's support for
// Yahoo and Gmail; `word-wrap` is what they keep.)
const breakLongWords = { wordWrap: 'break-word' } as const;

export const styles = {
  page: { backgroundColor: '#f4f5f7', fontFamily: font, tableLayout: 'fixed' },
  pageCell: { padding: '24px 8px', fontFamily: font },
  container: {
    backgroundColor: '#ffffff',
    maxWidth: '600px',
    tableLayout: 'fixed',
    margin: '0 auto',
    padding: '32px',
    border: '1px solid #dfe1e6',
    borderRadius: '6px',
  },
  preheader: { color: '#42526e', fontSize: '13px', lineHeight: '18px', margin: '0 0 16px' },
  brand: { color: '#0057b8', fontSize: '14px', fontWeight: 700, margin: '0 0 16px' },
  heading: { color: '#172b4d', fontSize: '22px', lineHeight: '28px', margin: '0 0 16px' },
  subheading: { color: '#172b4d', fontSize: '16px', lineHeight: '22px', margin: '24px 0 8px' },
  text: {
    color: '#172b4d',
    fontSize: '15px',
    lineHeight: '22px',
    margin: '0 0 12px',
    ...breakLongWords,
  },
  list: {
    color: '#172b4d',
    fontSize: '15px',
    lineHeight: '22px',
    margin: '0 0 12px',
    paddingLeft: '24px',
  },
  listItem: { margin: '0 0 8px' },
  // Bulletproof button: the padded, coloured cell is the button, so Outlook on
  // Windows (no padding on <a>) still shows it; it only loses the rounded corners.
  buttonCell: { backgroundColor: '#0057b8', borderRadius: '4px', padding: '12px 24px' },
  buttonLink: {
    color: '#ffffff',
    fontSize: '16px',
    fontWeight: 700,
    textDecoration: 'none',
    fontFamily: font,
  },
  url: {
    color: '#42526e',
    fontSize: '13px',
    lineHeight: '18px',
    margin: '0 0 12px',
    ...breakLongWords,
  },
  link: { color: '#0057b8', textDecoration: 'underline' },
  hr: { borderColor: '#dfe1e6', margin: '24px 0' },
  footer: {
    color: '#5e6c84',
    fontSize: '12px',
    lineHeight: '18px',
    margin: '0 0 8px',
    ...breakLongWords,
  },
} satisfies Record<string, CSSProperties>;
