/**
 * A secret shown once (a one-time password, an invitation link) with a Copy button.
 *
 * The app's only script is /assets/copy.js (served by the app itself; the CSP allows
 * `script-src 'self'` and nothing inline). Without scripts the button stays hidden and the
 * field is a read-only input that has the focus when the page opens (autofocus): Ctrl+A
 * (⌘A) then Ctrl+C (⌘C) copies it, as does a triple click or selecting it by hand.
 */
import type { FC } from 'hono/jsx';

export const COPY_SCRIPT_PATH = '/assets/copy.js';

export const COPY_SCRIPT = `'use strict';
// Copy buttons of src/web/copy-field.tsx: hidden until this script shows them.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const field = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copy + '-status');
  if (!(field instanceof HTMLInputElement) || status === null) continue;
  field.addEventListener('focus', () => field.select());
  button.hidden = false;
  button.addEventListener('click', () => {
    field.select();
    status.textContent = '';
    navigator.clipboard.writeText(field.value).then(
      () => { status.textContent = 'Copied'; },
      () => { status.textContent = 'Could not copy here: the text is selected, press Ctrl+C (⌘C).'; },
    );
  });
}
`;

export const CopyField: FC<{ id: string; label: string; value: string }> = ({
  id,
  label,
  value,
}) => (
  <div class="copy-field">
    <label htmlFor={id}>{label}</label>
    <div class="copy-row">
      <input
        id={id}
        class="secret mono"
        type="text"
        readonly
        value={value}
        autocomplete="off"
        spellcheck={false}
        autofocus
      />
      <button type="button" class="secondary" data-copy={id} hidden>
        Copy
      </button>
    </div>
    {/* Says "Copied" to screen readers too; empty until the button is used. */}
    <p class="hint" id={`${id}-status`} role="status" aria-live="polite"></p>
    <script src={COPY_SCRIPT_PATH} defer></script>
  </div>
);
