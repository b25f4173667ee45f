import { styles } from './styles.js';

/**
 * The inbox preview line, shown as the email's first line rather than hidden:
 * hidden text is what SpamAssassin's FONT_INVIS and low-contrast rules score,
 * and hiding it portably needs CSS that caniemail flags in Gmail and Yahoo.
 */
export function Preheader({ text }: { text: string }) {
  return <p style={styles.preheader}>{text}</p>;
}
