import type { SkynetConfig } from './types';

/** Where a key written in plain text sits in skynet.toml (0-based line and columns, the end exclusive). */
export interface PlaintextKeyPlace {
  slotId: string;
  line: number;
  start: number;
  end: number;
  /** The 1-based item of `api_keys` it is; absent for `api_key`. */
  item?: number;
}

/** The 0-based line of `<key> = …` inside the table that starts at `tableLine` (1-based), if any. */
export function findKeyLine(lines: readonly string[], tableLine: number, key = 'api_key'): number | undefined {
  const assignment = new RegExp(`^\\s*${key}\\s*=`);
  for (let index = Math.max(0, tableLine); index < lines.length; index++) {
    if (/^\s*\[/.test(lines[index])) return undefined;
    if (assignment.test(lines[index])) return index;
  }
  return undefined;
}

interface ListItem {
  line: number;
  start: number;
  end: number;
}

/** The strings of the array that starts after `=` on `line`, in order, with where each is written (it may span lines). */
function arrayItems(lines: readonly string[], line: number): ListItem[] {
  const items: ListItem[] = [];
  let depth = 0;
  let column = lines[line].indexOf('=') + 1;
  for (let row = line; row < lines.length; row++, column = 0) {
    const text = lines[row];
    while (column < text.length) {
      const char = text[column];
      if (char === '#') break;
      if (char === '[') depth++;
      if (char === ']' && --depth <= 0) return items;
      if (char === '"' || char === "'") {
        let close = column + 1;
        while (close < text.length && text[close] !== char) close += char === '"' && text[close] === '\\' ? 2 : 1;
        items.push({ line: row, start: column, end: Math.min(close + 1, text.length) });
        column = close;
      }
      column++;
    }
  }
  return items;
}

/**
 * Every key of the file's own slots written in plain text: an `api_key = "…"` line, and each literal item of
 * `api_keys = [...]` (an `${env:…}` item is fine). Only the file being read: a slot from another file is not its text.
 */
export function plaintextKeyPlaces(config: SkynetConfig, text: string): PlaintextKeyPlace[] {
  const lines = text.split(/\r?\n/);
  const places: PlaintextKeyPlace[] = [];
  for (const slot of config.slots) {
    if (!('apiKey' in slot) || slot.source.file !== config.file) continue;
    const listLine = slot.apiKeys ? findKeyLine(lines, slot.source.line, 'api_keys') : undefined;
    if (slot.apiKeys && listLine !== undefined) {
      const items = arrayItems(lines, listLine);
      slot.apiKeys.forEach((key, index) => {
        const item = items[index];
        if (key.type === 'literal' && item) places.push({ slotId: slot.id, ...item, item: index + 1 });
      });
      continue;
    }
    if (slot.apiKey.type !== 'literal') continue;
    const line = findKeyLine(lines, slot.source.line);
    if (line !== undefined) places.push({ slotId: slot.id, line, start: 0, end: lines[line].length });
  }
  return places;
}
