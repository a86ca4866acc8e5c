/** What smol-toml's TomlError says, as far as this needs to know. */
export interface TomlSyntaxError {
  message: string;
  line: number;
  column: number;
}

/**
 * A plain message for a TOML syntax error. smol-toml's message carries a code frame after its first line; the first
 * line is kept, and the most common slips (a header without its `]`, a string without its closing quote, a key
 * written twice) get a sentence that says what to fix.
 */
export function tomlSyntaxMessage(error: TomlSyntaxError, text: string): string {
  const first = error.message
    .split('\n')[0]
    .replace(/^Invalid TOML document:\s*/i, '')
    .trim();
  const raw = text.split(/\r?\n/)[error.line - 1] ?? '';
  const line = raw.trim();
  let hint = '';
  if (/^\[/.test(line) && !/\]\s*(#.*)?$/.test(line)) {
    hint = line.startsWith('[[')
      ? ' (the header is missing its closing `]]`)'
      : ' (the table header is missing its closing `]`)';
  } else if (
    /control characters|unterminated|unfinished string|end of string/i.test(first) &&
    error.column > raw.length
  ) {
    hint = ' (a string is not closed on this line: add the closing quote)';
  } else if (/redefine/i.test(first)) {
    hint = ' (this table or key is already written above; merge the two)';
  }
  return `Invalid TOML: ${first}${hint}`;
}
