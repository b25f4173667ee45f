import type { APIRoute, GetStaticPaths } from 'astro';
import { galleryEntries, type TemplateId } from '../../../lib/emails.ts';

/** The HTML part of every email, exactly as rendered by the templates package. */
export const getStaticPaths = (async () =>
  (await galleryEntries()).flatMap((entry) =>
    entry.status === 'rendered'
      ? [{ params: { template: entry.templateId, country: entry.country.code }, props: { html: entry.email.html } }]
      : [],
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ html: string }, { template: TemplateId; country: string }> = ({ props }) =>
  new Response(props.html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
