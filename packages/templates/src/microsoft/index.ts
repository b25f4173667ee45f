import { z } from 'zod';
import type { Language } from '../languages.js';
import { factRecords, labelRecords, partnerCenterLabelRecords } from './records.js';
import {
  MICROSOFT_LABEL_KEYS,
  microsoftFactSchema,
  microsoftLabelsSchema,
  partnerCenterLabelsSchema,
  type MicrosoftFact,
  type MicrosoftLabel,
  type MicrosoftLabelKey,
  type MicrosoftLabels,
  type MicrosoftProvenance,
  type PartnerCenterLabels,
} from './schema.js';

export class MicrosoftSourceError extends Error {
  override name = 'MicrosoftSourceError';
}

function parse<T extends z.ZodType>(what: string, schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new MicrosoftSourceError(`${what} is invalid: ${problems}`);
}

/** Validates raw label records (every language, every key), naming the first problems. */
export function parseMicrosoftLabels(raw: unknown): MicrosoftLabels {
  return parse('Microsoft label source', microsoftLabelsSchema, raw);
}

/** Validates raw facts: unique ids, each confirmed with a quote or unconfirmed with a reason. */
export function parseMicrosoftFacts(raw: readonly unknown[]): readonly MicrosoftFact[] {
  const seen = new Set<string>();
  return raw.map((record, index) => {
    const fact = parse(`Microsoft fact #${index}`, microsoftFactSchema, record);
    if (seen.has(fact.id))
      throw new MicrosoftSourceError(`Microsoft fact ${fact.id} is a duplicate`);
    seen.add(fact.id);
    return fact;
  });
}

/** Every Microsoft UI label the emails and the site name, per language, with its provenance. */
export const microsoftLabels: MicrosoftLabels = parseMicrosoftLabels(labelRecords);

/** Partner Center's labels (the reseller's side, read in English on the site). */
export const partnerCenterLabels: PartnerCenterLabels = parse(
  'Partner Center label source',
  partnerCenterLabelsSchema,
  partnerCenterLabelRecords,
);

/** Every fact about Microsoft the site or the emails state, with its provenance. */
export const microsoftFacts: readonly MicrosoftFact[] = parseMicrosoftFacts(factRecords);

export type MicrosoftFactId = (typeof factRecords)[number]['id'];

export function microsoftFact(id: MicrosoftFactId): MicrosoftFact {
  const fact = microsoftFacts.find((f) => f.id === id);
  if (!fact) throw new MicrosoftSourceError(`Unknown Microsoft fact ${id}`);
  return fact;
}

/** A fact's statement in one language (English is `statement`). */
export function factStatement(fact: MicrosoftFact, language: Language): string {
  const text = language === 'en' ? fact.statement : fact.translations[language];
  // `{key}` is a label (checked by the schema), shown as the language shows it.
  return text.replace(/\{(\w+)\}/g, (_, key: string) =>
    displayLabel(language, key as MicrosoftLabelKey),
  );
}

export function microsoftLabel(language: Language, key: MicrosoftLabelKey): MicrosoftLabel {
  return microsoftLabels[language][key];
}

/**
 * A label as the emails and the site show it: as Microsoft writes it when
 * confirmed (or English), otherwise with the English label beside it, as people
 * do when the interface may be in either language:
 * "Akzeptieren und autorisieren (Accept & Authorize)".
 */
export function displayLabel(language: Language, key: MicrosoftLabelKey): string {
  const label = microsoftLabels[language][key];
  if (language === 'en' || label.provenance.status === 'confirmed') return label.text;
  return `${label.text} (${microsoftLabels.en[key].text})`;
}

/** Every label of one language as shown (see displayLabel). */
export function displayLabels(language: Language): Readonly<Record<MicrosoftLabelKey, string>> {
  return Object.fromEntries(
    MICROSOFT_LABEL_KEYS.map((key) => [key, displayLabel(language, key)]),
  ) as Record<MicrosoftLabelKey, string>;
}

/** The page a provenance points at (its source, or where it should be confirmed). */
export function provenancePage(
  provenance: MicrosoftProvenance,
): { url: string; title: string } | undefined {
  return provenance.status === 'confirmed' ? provenance.source : provenance.lookedAt;
}

export { MICROSOFT_LABEL_KEYS, PARTNER_CENTER_LABEL_KEYS, TRANSLATED_LANGUAGES } from './schema.js';
export type {
  MicrosoftFact,
  MicrosoftLabel,
  MicrosoftLabelKey,
  MicrosoftLabels,
  MicrosoftProvenance,
  MicrosoftSource,
  PartnerCenterLabelKey,
  PartnerCenterLabels,
} from './schema.js';
