/** The plan page's skipped lines: repeated recipients, and suppressed ones with their override. */
import type { FC } from 'hono/jsx';
import type { SkippedLine } from './duplicates.js';

export const PlanSkips: FC<{ duplicates: SkippedLine[]; suppressed: SkippedLine[] }> = ({
  duplicates,
  suppressed,
}) =>
  duplicates.length === 0 && suppressed.length === 0 ? null : (
    <fieldset class="override" id="plan-skipped">
      <legend>
        Not sent: {duplicates.length + suppressed.length} line
        {duplicates.length + suppressed.length === 1 ? '' : 's'}
      </legend>
      <ul>
        {[...duplicates, ...suppressed]
          .sort((a, b) => a.line - b.line)
          .slice(0, 200)
          .map((s) => (
            <li>{s.reason}</li>
          ))}
      </ul>
      {suppressed.length > 0 && (
        <>
          <label>
            <input type="checkbox" name="include_suppressed" value="yes" /> Send anyway to the{' '}
            {suppressed.length} suppressed line{suppressed.length === 1 ? '' : 's'}
          </label>
          <label htmlFor="suppressed-reason">Reason (recorded with your name)</label>
          <input id="suppressed-reason" name="suppressed_reason" type="text" maxlength={500} />
        </>
      )}
    </fieldset>
  );
