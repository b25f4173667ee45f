import type { APIRoute, GetStaticPaths } from 'astro';
import { galleryEntries, type TemplateId } from '../../../lib/emails.ts';

/** The plain-text part of every email, exactly as rendered by the templates package. */
export const getStaticPaths = (async () =>
  (await galleryEntries()).flatMap((entry) =>
    entry.status === 'rendered'
      ? [{ params: { template: entry.templateId, country: entry.country.code }, props: { text: entry.email.text } }]
      : [],
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string }, { template: TemplateId; country: string }> = ({ props }) =>
  new Response(props.text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
