import { isDeepStrictEqual } from 'node:util';
import { parse } from 'smol-toml';
import { TomlLocator } from './locate';
import { isTable } from './readFields';
import { PROVIDER_TABLES, type ProviderTable } from './schemaTables';

export interface NewProviderTable {
  table: ProviderTable;
  /** Keys of the table, written in this order as TOML strings (an openai_compat entry needs `id`). */
  values: Record<string, string>;
}

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/**
 * A TOML basic string. JSON's escapes are TOML's, except that TOML also forbids a raw DEL and has no escape for a
 * lone surrogate (JSON.stringify writes `\udxxx`); those become `\u007F` and U+FFFD.
 */
export function tomlString(value: string): string {
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return JSON.stringify(wellFormed).replace(/\x7f/g, '\\u007F');
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Appends a provider table after everything else, leaving every existing byte as it was.
 * Refuses a second table of a native provider (there is one slot per native provider).
 */
export function appendProviderTable(text: string, addition: NewProviderTable): EditResult {
  const known: Record<string, unknown> | undefined = PROVIDER_TABLES[addition.table];
  if (!known) return { ok: false, message: `\`${String(addition.table)}\` is not a provider table of skynet.toml` };
  for (const name of Object.keys(addition.values)) {
    if (!(name in known)) return { ok: false, message: `\`${name}\` is not a key of providers.${addition.table}` };
  }
  if (addition.table === 'openai_compat' && !addition.values.id) return { ok: false, message: 'An openai_compat entry needs an id' };
  let document: Record<string, unknown> = {};
  try {
    document = text.trim() ? (parse(text) as Record<string, unknown>) : {};
  } catch {
    return { ok: false, message: 'skynet.toml has a syntax error; fix it before adding a provider' };
  }
  const providers = isTable(document.providers) ? document.providers : {};
  if (addition.table !== 'openai_compat' && addition.table in providers) {
    return { ok: false, message: `skynet.toml already has [providers.${addition.table}]` };
  }
  if (addition.table === 'openai_compat') {
    const entries = Array.isArray(providers.openai_compat) ? providers.openai_compat : [];
    if (entries.some((entry) => isTable(entry) && entry.id === addition.values.id)) {
      return { ok: false, message: `skynet.toml already has an openai_compat entry with id "${addition.values.id}"` };
    }
  }
  const eol = eolOf(text);
  const header = addition.table === 'openai_compat' ? '[[providers.openai_compat]]' : `[providers.${addition.table}]`;
  const lines = [header, ...Object.entries(addition.values).map(([name, value]) => `${name} = ${tomlString(value)}`)];
  let prefix = text;
  if (prefix.length > 0 && !prefix.endsWith('\n')) prefix += eol;
  if (prefix.trim().length > 0 && !/(\r?\n){2}$/.test(prefix)) prefix += eol;
  if (prefix.trim().length === 0) prefix = '';
  const result = prefix + lines.join(eol) + eol;
  if (!parseOrUndefined(result)) {
    // e.g. `providers = { … }` written inline: TOML does not let a table header extend it.
    return { ok: false, message: `skynet.toml defines providers in a way a new ${header} cannot join (an inline table?); add it by hand` };
  }
  return { ok: true, text: result };
}

/** The value at a dotted path with array indexes, and the table holding it. */
function holderOf(document: Record<string, unknown>, path: ReadonlyArray<string | number>): Record<string, unknown> | undefined {
  let node: unknown = document;
  for (const step of path.slice(0, -1)) {
    node = Array.isArray(node) && typeof step === 'number' ? node[step] : isTable(node) ? node[String(step)] : undefined;
  }
  return isTable(node) && String(path[path.length - 1]) in node ? node : undefined;
}

function parseOrUndefined(text: string): Record<string, unknown> | undefined {
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Removes the line that writes the key at `path` (e.g. `['providers', 'openai_compat', 1, 'api_key']`); every other
 * byte stays. Undefined when the key is not written on a line of its own (inside an inline table, or a value spanning
 * lines), or when the text does not parse: the result is checked to read back as the same document without that key.
 */
export function removeKey(text: string, path: ReadonlyArray<string | number>): string | undefined {
  const before = parseOrUndefined(text);
  const holder = before && holderOf(before, path);
  const locator = new TomlLocator(text);
  if (!holder || !locator.has(path)) return undefined;
  const { line } = locator.find(path);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const start = lineStarts[line - 1];
  const end = line < lineStarts.length ? lineStarts[line] : text.length;
  const result = text.slice(0, start) + text.slice(end);
  delete holder[String(path[path.length - 1])];
  const after = parseOrUndefined(result);
  return after && isDeepStrictEqual(after, before) ? result : undefined;
}

/** The path of a slot's `api_key`, by slot id (a native table name or an openai_compat id). */
function apiKeyPath(document: Record<string, unknown>, slotId: string): Array<string | number> | undefined {
  const providers = isTable(document.providers) ? document.providers : {};
  if (slotId in PROVIDER_TABLES && slotId !== 'openai_compat') return ['providers', slotId, 'api_key'];
  if (!Array.isArray(providers.openai_compat)) return undefined;
  const index = providers.openai_compat.findIndex((entry) => isTable(entry) && entry.id === slotId);
  return index >= 0 ? ['providers', 'openai_compat', index, 'api_key'] : undefined;
}

/** Removes the `api_key = …` line of a slot's table; every other byte stays. Undefined when there is none to remove. */
export function removeApiKey(text: string, slotId: string): string | undefined {
  const document = parseOrUndefined(text);
  const path = document && apiKeyPath(document, slotId);
  return path ? removeKey(text, path) : undefined;
}
