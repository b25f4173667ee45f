import { openStore } from '../store/open.js';
import { displayRecipients } from '../addresses.js';
import {
  actor,
  args,
  confirm,
  replyToFlag,
  required,
  resumeFirst,
  withRuntime,
} from '../command.js';
import type { Config } from '../config.js';
import { err, log, out } from '../log.js';
import { previewOnlyTransport } from '../transports/preview-only.js';
import { Sender } from './sender.js';

/** `csp-sender preview --template T --country C [--text]`: the locked email, on stdout. */
export async function previewCommand(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, {
    template: { type: 'string' },
    country: { type: 'string' },
    text: { type: 'boolean' },
  });
  // Never the provider: no Resend client, no start-up check (it cost 18 s and could refuse).
  const transport = previewOnlyTransport(config);
  const store = await openStore(config);
  try {
    const sender = new Sender({ store, transport, retry: config.retry, log });
    const p = await sender.preview(
      required(values.template, 'template'),
      required(values.country, 'country'),
    );
    err(`Subject:     ${p.email.subject}`);
    err(`From:        ${p.email.from}`);
    err(
      `Template:    ${p.email.templateId} · ${p.email.country} · ${p.email.locale} · version ${p.email.version}`,
    );
    err(
      `Fingerprint: ${p.email.fingerprint} ${p.verified ? '(verified against the lock)' : `(NOT verified: ${p.reason ?? ''})`}`,
    );
    if (p.placeholder)
      err(
        `Note:        the invitation link is a registry placeholder${transport.acceptsPlaceholders ? '' : `; the ${transport.name} transport will refuse to send it`}`,
      );
    out(values.text === true ? p.email.text : p.email.html);
    return p.verified ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** `csp-sender send --template T --country C --to ADDR ... [--yes]`: one email, after a confirmation. */
export async function sendCommand(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, {
    template: { type: 'string' },
    country: { type: 'string' },
    to: { type: 'string', multiple: true },
    cc: { type: 'string', multiple: true },
    'reply-to': { type: 'string' },
    yes: { type: 'boolean' },
  });
  const replyTo = replyToFlag(values['reply-to']);
  return withRuntime(
    config,
    async ({ sender, transport }) => {
      const draft = await sender.prepare(
        {
          template: required(values.template, 'template'),
          country: required(values.country, 'country'),
          to: values.to ?? [],
          cc: values.cc ?? [],
        },
        actor(),
      );
      await resumeFirst(sender);
      const envelope = sender.envelope(draft.email, actor());
      err(
        `From:    ${envelope.from}${envelope.replyTo !== undefined ? `\nReply-To: ${displayRecipients([envelope.replyTo])}` : ''}\nTo:      ${displayRecipients(draft.to)}\nCC:      ${displayRecipients(draft.cc) || '—'}\nSubject: ${draft.email.subject}\nVia:     ${transport.name}${draft.placeholder ? ' (placeholder invitation link)' : ''}`,
      );
      if (values.yes !== true && !(await confirm('The text is locked and cannot be modified.'))) {
        err('Cancelled: nothing was sent.');
        return 1;
      }
      const { row } = await sender.queue(draft, { createdBy: actor() });
      const final = await sender.deliver(row.id);
      if (final.state === 'sent') {
        out(`Sent #${final.id}: message id ${final.messageId ?? ''}`);
        return 0;
      }
      err(`Not sent (#${final.id} ${final.state}): ${sender.reason(final) ?? final.state}`);
      return 1;
    },
    replyTo,
  );
}
