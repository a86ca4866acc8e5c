/** A seeded PRNG (mulberry32): the same seed gives the same cases, so a failure reproduces. */
export class Prng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }
}

/** Fragments that break or confuse stream and TOML grammars. */
const TOKENS = [
  '"',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  'true',
  '-1',
  '1e999',
  '9007199254740993',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\u0000',
  'data: ',
  'event: error\n',
  'data: [DONE]\n\n',
  'data: {}\n\n',
  ': comment\n',
  'id: 7\n',
  'retry: x\n',
  '"\\ud800"',
  '\\u0000',
  '\u2028',
  '😀',
  '\uFFFD',
  '=',
  '[[',
  ']]',
  '"""',
  "'''",
  '#',
  '${env:',
  '~/',
  '\\',
];

/** JSON values of every type, to put where a parser expects another type. */
const CONFUSING_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x',
  true,
  [],
  [null],
  {},
  { type: 'text' },
  '{"a":',
  { toString: 1, valueOf: 1 },
];

function replaceRandomValue(value: unknown, prng: Prng, depth = 0): unknown {
  if (depth > 0 && prng.int(4) === 0) return prng.pick(CONFUSING_VALUES);
  if (Array.isArray(value)) {
    if (value.length === 0) return prng.pick(CONFUSING_VALUES);
    const copy = [...value];
    const index = prng.int(copy.length);
    copy[index] = replaceRandomValue(copy[index], prng, depth + 1);
    return copy;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return prng.pick(CONFUSING_VALUES);
    const key = prng.pick(keys);
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (prng.int(6) === 0) delete copy[key];
    else copy[key] = replaceRandomValue(copy[key], prng, depth + 1);
    return copy;
  }
  return prng.pick(CONFUSING_VALUES);
}

/** The same JSON with one value somewhere replaced by a value of another type (or a key dropped). */
export function confuseJson(json: string, prng: Prng): string {
  try {
    return JSON.stringify(replaceRandomValue(JSON.parse(json), prng));
  } catch {
    return json;
  }
}

const encoder = new TextEncoder();

/** One to four byte-level mutations: flips, deletions, duplications, random insertions, grammar tokens, truncation. */
export function mutateBytes(input: Uint8Array, prng: Prng): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(input);
  const rounds = 1 + prng.int(4);
  for (let round = 0; round < rounds; round++) {
    const at = prng.int(bytes.length + 1);
    switch (prng.int(6)) {
      case 0:
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] ^= 1 << prng.int(8);
        break;
      case 1: {
        const end = Math.min(bytes.length, at + 1 + prng.int(64));
        bytes = concat([bytes.subarray(0, at), bytes.subarray(end)]);
        break;
      }
      case 2: {
        const end = Math.min(bytes.length, at + 1 + prng.int(128));
        bytes = concat([bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end)]);
        break;
      }
      case 3:
        bytes = concat([bytes.subarray(0, at), prng.bytes(1 + prng.int(16)), bytes.subarray(at)]);
        break;
      case 4:
        bytes = concat([bytes.subarray(0, at), encoder.encode(prng.pick(TOKENS)), bytes.subarray(at)]);
        break;
      default:
        bytes = bytes.subarray(0, at);
    }
  }
  return bytes;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The bytes as a body arriving in random small pieces (1 to 64 bytes; sometimes empty reads). */
export async function* randomPieces(bytes: Uint8Array, prng: Prng): AsyncGenerator<Uint8Array> {
  let offset = 0;
  while (offset < bytes.length) {
    const size = prng.int(10) === 0 ? 0 : 1 + prng.int(64);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}
