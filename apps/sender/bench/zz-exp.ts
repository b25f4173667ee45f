import { serve, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
const body = 'x'.repeat(14600);
const app = new Hono<{ Bindings: HttpBindings }>();
const which = process.argv[2];
if (which === 'sec') app.use('*', secureHeaders());
if (which === 'pre') app.use('*', async (c, next) => { for (let i = 0; i < 12; i++) c.header('x-h' + i, 'some value ' + i); await next(); });
app.post('/p', async (c) => { await c.req.parseBody(); return c.html(body); });
app.post('/raw', async (c) => {
  const chunks: Buffer[] = [];
  for await (const chunk of c.env.incoming) chunks.push(chunk as Buffer);
  const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
  return c.html(body + (form.a ?? ''));
});
app.get('/g', (c) => c.html(body));
serve({ fetch: app.fetch, port: 4555, hostname: '127.0.0.1' });
