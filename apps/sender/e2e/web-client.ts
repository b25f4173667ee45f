/**
 * A cookie-keeping client of the sender's web UI (fetch, no browser) that talks to any
 * instance on this host: cookies are per host, not per port, as a browser keeps them.
 * Its flows are the forms a user fills in: a batch upload → plan → OK, and a single
 * send through compose → confirm → send.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** A hidden input's value in a page ('' when absent). */
export const hidden = (html: string, name: string): string =>
  new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

export class WebClient {
  private readonly cookies = new Map<string, string>();

  async request(url: string, form?: Record<string, string> | FormData): Promise<Response> {
    const headers = new Headers();
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(form ? { body: form instanceof FormData ? form : new URLSearchParams(form) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), rest.join('='));
    }
    return response;
  }

  /** A page's text, failing with its status when it is not 200. */
  async page(url: string): Promise<string> {
    const response = await this.request(url);
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`GET ${url}: HTTP ${response.status}: ${text.slice(0, 300)}`);
    return text;
  }

  /** Upload → plan → OK on one instance; the batch's id from the redirect to its page. */
  async confirmBatch(base: string, file: string, recipients: string[]): Promise<string> {
    const form = new FormData();
    form.set('_csrf', hidden(await this.page(`${base}/batches`), '_csrf'));
    form.set('template', 'reseller-invitation');
    form.set('country', 'DE');
    const csv = `to\n${recipients.join('\n')}\n`;
    form.set('file', new Blob([csv], { type: 'text/csv' }), file);
    const plan = await this.request(`${base}/batches/plan`, form);
    const page = await plan.text();
    if (plan.status !== 200)
      throw new Error(`plan of ${file}: HTTP ${plan.status}: ${page.slice(0, 300)}`);
    const run = await this.request(`${base}/batches/run`, {
      _csrf: hidden(page, '_csrf'),
      plan: hidden(page, 'plan'),
    });
    const id = /^\/batches\/(\S+)$/.exec(run.headers.get('location') ?? '')?.[1];
    if (run.status !== 303 || id === undefined)
      throw new Error(`OK of ${file}: HTTP ${run.status}: ${(await run.text()).slice(0, 300)}`);
    return id;
  }

  /**
   * One single send through compose → confirm → send, tried again until accepted (303) or
   * `budgetMs` is spent; the same confirmation token on every try, so a repeated OK finds
   * the same row and nothing is sent twice. While `paused()` says so (the server is being
   * restarted) it waits instead of trying; `detail()` is added to the error if it gives up.
   */
  async sendOne(
    base: string,
    to: string,
    budgetMs: number,
    options: { paused?: () => boolean; detail?: () => string } = {},
  ): Promise<void> {
    const form = {
      _csrf: '',
      template: 'customer-authorization-request',
      country: 'DE',
      to,
      cc: '',
    };
    let request = '';
    let last = '';
    const giveUp = Date.now() + budgetMs;
    while (Date.now() < giveUp) {
      if (options.paused?.() === true) {
        await sleep(200);
        continue;
      }
      try {
        form._csrf = hidden(await this.page(`${base}/compose`), '_csrf');
        if (request === '')
          request = hidden(await (await this.request(`${base}/confirm`, form)).text(), 'request');
        const sent = await this.request(`${base}/send`, { ...form, request });
        if (sent.status === 303) return;
        last = `HTTP ${sent.status}: ${(await sent.text()).slice(0, 300)}`;
      } catch (error) {
        last = String(error);
      }
      await sleep(300);
    }
    const detail = options.detail?.();
    throw new Error(
      `single send to ${to} on ${base} was never accepted (${last})${detail === undefined ? '' : `; ${detail}`}`,
    );
  }
}
