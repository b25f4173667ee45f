/** A tiny cookie-keeping HTTP client for signing in to the sender over real HTTP. */
export class Client {
  private readonly cookies = new Map<string, string>();
  private readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; html: string; location: string | null }> {
    const headers = new Headers();
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader());
    const response = await fetch(`${this.base}${path}`, {
      method: form ? 'POST' : 'GET',
      headers,
      redirect: 'manual',
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  }
}

export function hiddenField(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined || value === '') throw new Error(`no hidden field ${name} in the page`);
  return value;
}
