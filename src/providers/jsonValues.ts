/** Reading JSON from providers leniently: a field of the wrong type is ignored, never trusted. */
export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A string with at least one character. */
export function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The parsed value, or undefined when `data` is not JSON. */
export function tryParseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
