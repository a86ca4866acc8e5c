/** One streamed piece of function-call arguments (Vertex `functionCall.partialArgs[]`). */
export interface GeminiPartialArg {
  jsonPath?: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: unknown;
  willContinue?: boolean;
}

type Segment = string | number;

/** Keys that would reach an object's prototype instead of its own properties. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `$.recipe.ingredients[0].amount` → ['recipe', 'ingredients', 0, 'amount']; undefined when not understood. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  const pattern = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) return undefined;
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4]));
  }
  return segments;
}

/**
 * Builds an arguments object from streamed pieces: a string value at a path is appended to what that path
 * already holds (strings arrive in fragments); numbers, booleans and nulls are set.
 */
export class GeminiArgsBuilder {
  readonly args: Record<string, unknown> = {};

  /** Applies one piece; false when its path cannot be read (the caller decides what that means). */
  apply(piece: GeminiPartialArg): boolean {
    const segments = typeof piece.jsonPath === 'string' ? parseJsonPath(piece.jsonPath) : undefined;
    if (!segments || segments.length === 0 || segments.some((segment) => UNSAFE_KEYS.has(String(segment))))
      return false;
    let container: Record<string, unknown> | unknown[] = this.args;
    for (let i = 0; i < segments.length - 1; i++) {
      const key = segments[i];
      const nextIsIndex = typeof segments[i + 1] === 'number';
      const existing = (container as Record<string | number, unknown>)[key];
      if (existing && typeof existing === 'object') {
        container = existing as Record<string, unknown> | unknown[];
      } else {
        const created: Record<string, unknown> | unknown[] = nextIsIndex ? [] : {};
        (container as Record<string | number, unknown>)[key] = created;
        container = created;
      }
    }
    const last = segments[segments.length - 1];
    const target = container as Record<string | number, unknown>;
    if (piece.stringValue !== undefined) {
      const current = target[last];
      target[last] = (typeof current === 'string' ? current : '') + piece.stringValue;
    } else if (piece.numberValue !== undefined) {
      target[last] = piece.numberValue;
    } else if (piece.boolValue !== undefined) {
      target[last] = piece.boolValue;
    } else if ('nullValue' in piece) {
      target[last] = null;
    }
    return true;
  }
}
