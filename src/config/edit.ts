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
  if (addition.table === 'openai_compat' && !addition.values.id)
    return { ok: false, message: 'An openai_compat entry needs an id' };
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
    return {
      ok: false,
      message: `skynet.toml defines providers in a way a new ${header} cannot join (an inline table?); add it by hand`,
    };
  }
  return { ok: true, text: result };
}

/** The table holding the value at a dotted path with array indexes, when that value is there. */
function holderOf(
  document: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
): Record<string, unknown> | undefined {
  const node = tableAt(document, path.slice(0, -1));
  return node && String(path[path.length - 1]) in node ? node : undefined;
}

/** The table at a dotted path with array indexes. */
function tableAt(
  document: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
): Record<string, unknown> | undefined {
  let node: unknown = document;
  for (const step of path)
    node =
      Array.isArray(node) && typeof step === 'number' ? node[step] : isTable(node) ? node[String(step)] : undefined;
  return isTable(node) ? node : undefined;
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
  const lineStarts = lineStartsOf(text);
  const start = lineStarts[line - 1];
  const end = line < lineStarts.length ? lineStarts[line] : text.length;
  const result = text.slice(0, start) + text.slice(end);
  delete holder[String(path[path.length - 1])];
  const after = parseOrUndefined(result);
  return after && isDeepStrictEqual(after, before) ? result : undefined;
}

/** The path of a slot's table, by slot id (a native table name or an openai_compat id); undefined when not written. */
function slotTablePath(document: Record<string, unknown>, slotId: string): Array<string | number> | undefined {
  const providers = isTable(document.providers) ? document.providers : {};
  if (slotId in PROVIDER_TABLES && slotId !== 'openai_compat')
    return isTable(providers[slotId]) ? ['providers', slotId] : undefined;
  if (!Array.isArray(providers.openai_compat)) return undefined;
  const index = providers.openai_compat.findIndex((entry) => isTable(entry) && entry.id === slotId);
  return index >= 0 ? ['providers', 'openai_compat', index] : undefined;
}

/** The path of a slot's `api_key`, by slot id. */
function apiKeyPath(document: Record<string, unknown>, slotId: string): Array<string | number> | undefined {
  const table = slotTablePath(document, slotId);
  return table && [...table, 'api_key'];
}

/** Removes the `api_key = …` line of a slot's table; every other byte stays. Undefined when there is none to remove. */
export function removeApiKey(text: string, slotId: string): string | undefined {
  const document = parseOrUndefined(text);
  const path = document && apiKeyPath(document, slotId);
  return path ? removeKey(text, path) : undefined;
}

/** Where each line starts (the offset after its `\n`), and the line count as the locator numbers lines (1-based). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** A line without its line ending. */
function lineAt(text: string, starts: number[], line: number): string {
  const end = line < starts.length ? starts[line] : text.length;
  return text.slice(starts[line - 1], end).replace(/\r?\n$/, '');
}

/**
 * The last line (1-based) that belongs to the table whose header is on `headerLine`: its last key or value line
 * before the next header (comments and blank lines just above the next header belong to that one); and the
 * indentation of its keys.
 */
function endOfTable(text: string, starts: number[], headerLine: number): { last: number; indent: string } {
  let last = headerLine;
  let indent = '';
  let multiline: '"""' | "'''" | undefined;
  for (let line = headerLine + 1; line <= starts.length; line++) {
    const trimmed = lineAt(text, starts, line).trim();
    if (multiline) {
      if (trimmed.includes(multiline)) multiline = undefined;
      last = line;
      continue;
    }
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[') && /^\[\[?\s*[A-Za-z0-9_"'-]/.test(trimmed)) break;
    if (/^\s*[A-Za-z0-9_"'-][^=]*=/.test(lineAt(text, starts, line)))
      indent = /^\s*/.exec(lineAt(text, starts, line))![0];
    last = line;
    const opener = /("""|''')/.exec(trimmed);
    if (opener && trimmed.indexOf(opener[1], opener.index + 3) < 0) multiline = opener[1] as '"""' | "'''";
  }
  return { last, indent };
}

/** `key = value   # comment` split after the value: the first cut that reads back as one key. */
function splitValueLine(line: string): { head: string; tail: string } | undefined {
  const equals = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*/.exec(
    line,
  );
  if (!equals) return undefined;
  const cuts = [...line.matchAll(/#/g)].map((match) => match.index).filter((index) => index > equals[0].length);
  for (const cut of [...cuts, line.length]) {
    const candidate = line.slice(0, cut).trimEnd();
    if (parseOrUndefined(candidate.trim())) return { head: equals[0], tail: line.slice(candidate.length) };
  }
  return undefined;
}

/**
 * Sets the string key at `path` (e.g. `['providers', 'openai_compat', 1, 'model']`), changing nothing else: a key
 * written on a line of its own gets the new value (its trailing comment kept); an absent key is added after the last
 * line of its table (a `[table]` or `[[array]]` header in the text). Refused, with the reason, when the text does not
 * parse, the table is not there or is written inline or by dotted keys, or the value spans lines: the result is
 * checked to read back as the same document with only that key changed.
 */
export function setKey(text: string, path: ReadonlyArray<string | number>, value: string): EditResult {
  const before = parseOrUndefined(text);
  if (!before) return { ok: false, message: 'skynet.toml has a syntax error; fix it first' };
  const name = String(path[path.length - 1]);
  const tablePath = path.slice(0, -1);
  const dotted = path.map(String).join('.');
  const expected = parseOrUndefined(text)!; // a second copy to change (smol-toml's tables are not plain objects: no structuredClone)
  const table = tablePath.map(String).join('.');
  const holder = tableAt(expected, tablePath);
  if (!holder) return { ok: false, message: `skynet.toml has no [${table}] table` };
  holder[name] = value;
  const locator = new TomlLocator(text);
  const starts = lineStartsOf(text);
  const eol = eolOf(text);
  let result: string;
  if (name in (tableAt(before, tablePath) ?? {})) {
    if (!locator.has(path))
      return { ok: false, message: `\`${dotted}\` is written inside an inline table; change it by hand` };
    const { line } = locator.find(path);
    const written = lineAt(text, starts, line);
    const split = splitValueLine(written);
    if (!split) return { ok: false, message: `\`${dotted}\` spans several lines; change it by hand` };
    const start = starts[line - 1];
    result = text.slice(0, start) + split.head + tomlString(value) + split.tail + text.slice(start + written.length);
  } else {
    const headerLine = tablePath.length > 0 && locator.has(tablePath) ? locator.find(tablePath).line : undefined;
    if (headerLine === undefined || !/^\s*\[/.test(lineAt(text, starts, headerLine))) {
      return {
        ok: false,
        message: `\`${table}\` is not written as a [${table}] table of its own (inline, or by dotted keys); add \`${name}\` by hand`,
      };
    }
    const { last, indent } = endOfTable(text, starts, headerLine);
    const at = starts[last - 1] + lineAt(text, starts, last).length;
    result = text.slice(0, at) + eol + indent + `${name} = ${tomlString(value)}` + text.slice(at);
  }
  const after = parseOrUndefined(result);
  return after && isDeepStrictEqual(after, expected)
    ? { ok: true, text: result }
    : { ok: false, message: `\`${dotted}\` could not be written without changing more; change it by hand` };
}

/** Sets `model = "<model>"` in the table of the slot `slotId`, changing nothing else (see setKey). */
export function setSlotModel(text: string, slotId: string, model: string): EditResult {
  const document = parseOrUndefined(text);
  if (!document) return { ok: false, message: 'skynet.toml has a syntax error; fix it first' };
  const table = slotTablePath(document, slotId);
  if (!table) return { ok: false, message: `skynet.toml has no table for the slot "${slotId}"` };
  return setKey(text, [...table, 'model'], model);
}
