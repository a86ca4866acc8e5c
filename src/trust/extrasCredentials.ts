import type { SlotConfig, TemplateValue } from '../config/types';
import { originsOutside, type OriginExposure } from './originGuard';

/** Every `${env:NAME}` a slot's `headers` and `query` read: the user's variables, written into requests. */
export function extrasEnvReferences(slot: SlotConfig): Array<{ name: string; where: string }> {
  const found: Array<{ name: string; where: string }> = [];
  const tables: Array<[string, Record<string, TemplateValue> | undefined]> = [
    ['header', slot.headers],
    ['query parameter', slot.query],
  ];
  for (const [label, table] of tables) {
    for (const [key, value] of Object.entries(table ?? {})) {
      for (const part of value.parts)
        if (part.type === 'env') found.push({ name: part.name, where: `${label} ${key}` });
    }
  }
  return found;
}

/** What an untrusted workspace's slot would read of the user's environment through its headers or query. */
export function extrasCredentialOf(slot: SlotConfig): string | undefined {
  const [first] = extrasEnvReferences(slot);
  return first && `your environment variable ${first.name} (${first.where})`;
}

/**
 * A variable written into a header or query goes only to the slot's API origin; when that origin is not the
 * provider's own, each variable needs the user's approval for it, like a stored key (see exposureOf).
 */
export function extrasExposures(slot: SlotConfig, defaultBaseUrl: string | undefined): OriginExposure[] {
  if (slot.source.file.startsWith('$') || !slot.baseUrl) return [];
  const origins = originsOutside(slot.baseUrl, defaultBaseUrl ? [defaultBaseUrl] : []);
  if (origins.length === 0) return [];
  const names = [...new Set(extrasEnvReferences(slot).map((reference) => reference.name))];
  return names.map((name) => ({
    secretId: `env:${name}`,
    secretLabel: `your environment variable ${name} (in ${slot.id}'s headers or query)`,
    origins,
  }));
}

/**
 * The secret text a slot's headers and query hold, known without asking the store: variables' values and the
 * literal text of credential headers (the redactor learns them before any request can log them).
 */
export function extrasSecretTexts(slot: SlotConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  const texts: string[] = [];
  for (const table of [slot.headers, slot.query]) {
    for (const value of Object.values(table ?? {})) {
      if (!value.secret) continue;
      for (const part of value.parts) {
        if (part.type === 'env' && env[part.name]) texts.push(env[part.name]!);
        if (part.type === 'text') texts.push(part.value.replace(/^\s*(Bearer|Basic|token)\s+/i, '').trim());
      }
    }
  }
  return texts.filter((text) => text.length >= 6);
}
