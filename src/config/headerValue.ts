/**
 * What may be written as an HTTP header (RFC 9110 §5.1 field names are tokens, §5.5 field values exclude CR, LF and
 * NUL; other control characters but tab are refused by Node's http module too). Checked when skynet.toml is read, so
 * a bad header is a config error at its line and column rather than a failed request.
 */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FORBIDDEN_IN_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Headers the HTTP layer writes itself: a config may not replace them. */
const RESERVED = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-authorization',
]);

/** Why `name` cannot be a header name, or undefined when it can. */
export function headerNameProblem(name: string): string | undefined {
  if (!TOKEN.test(name))
    return `"${name}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces)`;
  if (RESERVED.has(name.toLowerCase())) return `${name} is set by the HTTP connection itself and cannot be configured`;
  return undefined;
}

/** Why `value` cannot be sent as a header value (CR/LF/NUL or another control character), or undefined. */
export function headerValueProblem(value: string): string | undefined {
  const match = FORBIDDEN_IN_VALUE.exec(value);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const name =
    code === 10
      ? 'a line feed (LF)'
      : code === 13
        ? 'a carriage return (CR)'
        : code === 0
          ? 'a NUL character'
          : `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `contains ${name}, which a header value may not hold`;
}
