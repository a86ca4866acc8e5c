/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where tables and keys are written in a TOML text, keyed by dotted path with array indexes
 * (`providers.openai_compat.1.id`). smol-toml gives positions only for syntax errors, so this finds them for the
 * schema's errors. It reads headers and `key =` lines; keys inside inline tables resolve to their parent key.
 */
export class TomlLocator {
  private readonly positions = new Map<string, Position>();

  constructor(text: string) {
    const arrayCounts = new Map<string, number>();
    let table: string[] = [];
    let multiline: '"""' | "'''" | undefined;
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
      const line = index + 1;
      if (multiline) {
        if (raw.includes(multiline)) multiline = undefined;
        return;
      }
      const indent = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (!trimmed || trimmed.startsWith('#')) return;
      const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(trimmed);
      if (header) {
        const path = splitKey(header[2]);
        if (header[1] === '[[') {
          const base = path.join('.');
          const count = arrayCounts.get(base) ?? 0;
          arrayCounts.set(base, count + 1);
          table = [...path, String(count)];
        } else {
          table = resolveArrays(path, arrayCounts);
        }
        this.set(table.join('.'), { line, column: indent + 1 });
        return;
      }
      const assignment =
        /^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/.exec(trimmed);
      if (!assignment) return;
      const key = [...table, ...splitKey(assignment[1])].join('.');
      this.set(key, { line, column: indent + 1 });
      const rest = trimmed.slice(assignment[0].length);
      const opener = /("""|''')/.exec(rest);
      if (opener && rest.indexOf(opener[1], opener.index + 3) < 0) multiline = opener[1] as '"""' | "'''";
    });
  }

  private set(path: string, position: Position): void {
    if (!this.positions.has(path)) this.positions.set(path, position);
  }

  /** The position of the path, or of its nearest written ancestor, or the file's start. */
  find(path: ReadonlyArray<string | number>): Position {
    for (let length = path.length; length > 0; length--) {
      const found = this.positions.get(path.slice(0, length).join('.'));
      if (found) return found;
    }
    return { line: 1, column: 1 };
  }

  has(path: ReadonlyArray<string | number>): boolean {
    return this.positions.has(path.join('.'));
  }
}

function splitKey(key: string): string[] {
  const parts: string[] = [];
  const pattern = /\s*("([^"]*)"|'([^']*)'|[A-Za-z0-9_-]+)\s*(\.|$)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(key)) && match[0].length > 0) {
    parts.push(match[2] ?? match[3] ?? match[1]);
    if (match[4] === '') break;
  }
  return parts;
}

/** `[providers.openai_compat.extra]` after `[[providers.openai_compat]]` belongs to the last array entry. */
function resolveArrays(path: string[], arrayCounts: Map<string, number>): string[] {
  const resolved: string[] = [];
  for (let i = 0; i < path.length; i++) {
    resolved.push(path[i]);
    const count = arrayCounts.get(path.slice(0, i + 1).join('.'));
    if (count !== undefined && i < path.length - 1) resolved.push(String(count - 1));
  }
  return resolved;
}
