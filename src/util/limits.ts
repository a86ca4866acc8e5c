// Every size the core accepts from a server, a file or a child process, in one place (docs/security.md lists them).
// Chosen well above what services send (the largest real events are whole answers and base64 images, a few MB)
// and far below what would take the extension host or the CLI down.
import { ProviderError } from './errors';

/** One SSE event or NDJSON line, in characters. */
export const MAX_EVENT_CHARS = 16 * 1024 * 1024;
/** One AWS event-stream frame (the service's own cap is 16 MB per frame). */
export const MAX_EVENT_STREAM_FRAME_BYTES = 24 * 1024 * 1024;
/** A whole JSON body: a non-streaming answer, a model list, a token exchange. */
export const MAX_JSON_BODY_BYTES = 32 * 1024 * 1024;
/** Of an error response only this much is read: more is never shown. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Tool calls in one answer. */
export const MAX_TOOL_CALLS = 1024;
/** The arguments of one tool call, as JSON text. */
export const MAX_TOOL_ARGUMENT_CHARS = 8 * 1024 * 1024;
/** Nesting of objects and arrays that the core walks recursively (tool arguments, schemas, redaction). */
export const MAX_JSON_DEPTH = 128;
/** A credential file (key_file, token_path, credentials_path, AWS shared files) or credential_process output. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;
/** usage.json (about 200 bytes per slot per day, 400 days kept): a bigger file is not ours and is set aside. */
export const MAX_USAGE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Whether `value` nests objects and arrays deeper than `max` levels. Iterative, so asking about any depth is safe:
 * the recursive walks after it (JSON.stringify, schema converters) would end in "Maximum call stack size exceeded".
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { node, depth } = item;
    if (!node || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (child && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

/** "16 MiB", "64 KiB", "100 bytes". */
export function describeSize(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && bytes % mib === 0) return `${bytes / mib} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * What a reader throws when a server sends more than a limit allows: `invalid-response`, so the router tries the
 * next slot before the first token, with the limit named so the cause is plain.
 */
export function tooLargeError(provider: string, what: string, limit: number): ProviderError {
  return new ProviderError({
    kind: 'invalid-response',
    slot: provider,
    code: 'RESPONSE_TOO_LARGE',
    message: `${what} is larger than the ${describeSize(limit)} skynet accepts`,
  });
}
