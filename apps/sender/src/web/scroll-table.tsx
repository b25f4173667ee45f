import type { Child, FC } from 'hono/jsx';

/**
 * A table that may be wider than a phone: it scrolls sideways inside its own region,
 * which is named and keyboard-reachable (axe's scrollable-region-focusable), so the page
 * itself never does. The children are the body rows.
 *
 * `cards`: on a phone (<= 640 px) each row becomes a stacked card instead, each cell
 * under its column's name (the cells' `data-label`), so nothing scrolls at all.
 */
export const ScrollTable: FC<{
  label: string;
  columns: string[];
  /** `wide`: keeps its columns readable and scrolls rather than squeeze them. */
  tableClass?: string;
  cards?: boolean;
  children?: Child;
}> = ({ label, columns, tableClass, cards, children }) => (
  <div
    class={cards === true ? 'table-wrap cards' : 'table-wrap'}
    tabindex={0}
    role="region"
    aria-label={label}
  >
    <table class={tableClass}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);
