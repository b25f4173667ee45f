import { styles } from './styles.js';

/** The one call to action: a table cell button that survives Outlook's renderer. */
export function InvitationButton({ href, label }: { href: string; label: string }) {
  return (
    <table
      role="presentation"
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={{ margin: '8px 0 16px' }}
    >
      <tbody>
        <tr>
          <td style={styles.buttonCell}>
            <a href={href} style={styles.buttonLink}>
              {label}
            </a>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
