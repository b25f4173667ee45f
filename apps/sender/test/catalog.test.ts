import type { RenderedEmail, TemplateId } from '@csp-enablement/templates';
import { describe, expect, it } from 'vitest';
import { memoizedRenderer, renderEmail, verifies } from '../src/catalog.js';

describe('the renderer the sender uses', () => {
  it('renders each template × country once, and what it returns still verifies', async () => {
    const calls: string[] = [];
    const render = memoizedRenderer((templateId: TemplateId, country: string) => {
      calls.push(`${templateId}/${country}`);
      return renderEmail(templateId, country);
    });
    const first = await render('reseller-invitation', 'GB');
    const again = await render('reseller-invitation', 'GB');
    await render('reseller-invitation', 'DE');
    expect(calls).toEqual(['reseller-invitation/GB', 'reseller-invitation/DE']);
    expect(again).toBe(first);
    expect(verifies(again)).toEqual({ ok: true });
    expect(Object.isFrozen(again)).toBe(true);
  });

  it('does not remember a failure', async () => {
    let attempts = 0;
    const render = memoizedRenderer((): Promise<RenderedEmail> => {
      attempts++;
      return attempts === 1
        ? Promise.reject(new Error('lock unreadable'))
        : renderEmail('reseller-invitation', 'GB');
    });
    await expect(render('reseller-invitation', 'GB')).rejects.toThrow('lock unreadable');
    await expect(render('reseller-invitation', 'GB')).resolves.toMatchObject({ country: 'GB' });
    expect(attempts).toBe(2);
  });
});
