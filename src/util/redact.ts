const MASK = '‹redacted›';

/** Patterns for secrets whose value we may not know: headers, bearer tokens, JWTs, keys in URLs. */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [
    /\b(authorization|x-api-key|x-goog-api-key|api-key|x-amz-security-token)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|token|AWS4-HMAC-SHA256)\s+)?[^\s"',;]+/gi,
    `$1$2${MASK}`,
  ],
  [/\b(Bearer|token)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${MASK}`],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, MASK],
  [/\bsk-[A-Za-z0-9_-]{8,}/g, MASK],
  [/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]{16,}/g, MASK],
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, MASK],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, MASK],
  [
    /([?&](?:key|api_key|access_token|token|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s"']+/gi,
    `$1${MASK}`,
  ],
  [
    /("(?:access_token|refresh_token|id_token|api_key|apiKey|token|device_code|private_key|client_secret|aws_secret_access_key|secret)"\s*:\s*")[^"]*"/g,
    `$1${MASK}"`,
  ],
  [/\b(Signature=)[0-9a-f]{16,}/g, `$1${MASK}`],
  // Credentials in a URL's userinfo: `https://user:pass@host`.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi, `$1${MASK}@`],
];

/**
 * Removes secrets from text before it is logged or shown. Knows every value registered with `add`
 * (stored keys, tokens as they are minted) and the common shapes of secrets besides.
 */
export class Redactor {
  /** Each secret with the forms it may be echoed in (URL-encoded, base64). */
  private readonly secrets = new Map<string, string[]>();
  private pattern: RegExp | undefined;

  add(secret: string | undefined): void {
    if (!secret || secret.length < 6 || this.secrets.has(secret)) return;
    this.secrets.set(secret, encodedForms(secret));
    this.pattern = undefined;
  }

  remove(secret: string): void {
    if (this.secrets.delete(secret)) this.pattern = undefined;
  }

  redact(text: string): string {
    let result = text;
    if (this.secrets.size > 0) {
      this.pattern ??= new RegExp(
        [...new Set([...this.secrets].flatMap(([secret, forms]) => [secret, ...forms]))]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      );
      result = result.replace(this.pattern, MASK);
    }
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  }
}

/** Shortest encoded run worth matching: shorter runs of base64 occur in ordinary text by chance. */
const MIN_ENCODED_LENGTH = 8;

/**
 * The forms a secret takes when a server or proxy echoes it encoded: URL-encoded, and base64 (standard and
 * URL-safe) at each of the three alignments it can have inside a longer encoded value, such as
 * `Basic base64(user:secret)`: only the characters that depend on the secret alone are kept.
 */
function encodedForms(secret: string): string[] {
  const forms = new Set<string>([encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters 0-3 mix the secret with the unknown bytes before it (offset > 0); the tail mixes it with what follows.
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor((offset + bytes.length) / 3) * 4;
    const stable = encoded.slice(start, end);
    if (stable.length >= MIN_ENCODED_LENGTH) {
      forms.add(stable);
      forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  if (bytes.length % 3 !== 0) forms.add(bytes.toString('base64').replace(/=+$/, '')); // unpadded, alone
  forms.delete(secret);
  return [...forms].filter((form) => form.length >= MIN_ENCODED_LENGTH);
}

/**
 * `text` shortened to at most `max` characters for a message, never leaving part of a word: a secret the cut
 * falls inside would otherwise survive as its first characters, which no redaction afterwards can recognise.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const kept = /\s/.test(text[max]) ? text.slice(0, max) : text.slice(0, max).replace(/\S+$/, '');
  return `${kept.trimEnd()}…`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Servers (and proxies) may echo the credential they were sent: cuts each of `secrets`, and anything else
 * key-shaped, out of an error's message before it leaves the client. Returns the same error; non-errors pass through.
 */
export function withoutSecrets<T>(error: T, secrets: ReadonlyArray<string | undefined>): T {
  if (!(error instanceof Error)) return error;
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  error.message = redactor.redact(error.message);
  return error;
}
