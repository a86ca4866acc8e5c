import { createHash } from 'node:crypto';
import { ProviderError } from '../../util/errors';
import { runCredentialCommand } from '../credentialCommand';
import { createSingleFlight } from '../../util/singleFlight';

/**
 * Microsoft Entra ID tokens for Azure OpenAI from a command the user configured (`entra_command`), such as
 * `az account get-access-token --resource https://cognitiveservices.azure.com --output json` (the command
 * Microsoft Learn gives for Azure OpenAI REST calls: learn.microsoft.com/azure/foundry/openai/how-to/reasoning;
 * the token's audience is https://cognitiveservices.azure.com, scope `…/.default`; checked 2026-12-05).
 * Run without a shell, time-limited, its process group killed on timeout or cancel (credentialCommand.ts), the
 * token cached until shortly before it expires and shared by concurrent requests. The token is never put in an
 * error or a log line.
 */

/** A token is fetched again this long before it expires. */
export const ENTRA_EXPIRY_MARGIN_MS = 5 * 60_000;
/** How long a token whose expiry cannot be read is reused (the command printed only the token, and it is not a JWT). */
const UNKNOWN_EXPIRY_REUSE_MS = 60_000;

export interface EntraToken {
  token: string;
  /** Milliseconds since the epoch; undefined when the output did not say. */
  expiresAt?: number;
}

export interface EntraTokenOptions {
  command: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The slot id, for errors. */
  provider: string;
  now: () => number;
  timeoutMs?: number;
}

export interface EntraTokenSource {
  /** A token valid for at least the margin: cached, or from one run of the command shared by every caller. */
  token(signal?: AbortSignal): Promise<string>;
  /** Forgets the cached token (the service refused it). */
  invalidate(): void;
}

function commandError(provider: string, detail: string, kind: 'auth' | 'timeout' = 'auth'): ProviderError {
  return new ProviderError({
    kind,
    slot: provider,
    code: 'EntraCommandError',
    message: `The entra_command of [providers.azure] ${detail}`,
  });
}

/** The `exp` claim of a JWT (seconds) in milliseconds, or undefined when the token is not a readable JWT. */
function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads what the command printed: the JSON of `az account get-access-token` (`accessToken`, and `expires_on` in
 * seconds since the epoch from Azure CLI 2.54.0 on, else `expiresOn` as a local time), or the bare token of
 * `--query accessToken --output tsv` (expiry from its `exp` claim). Preference for `expires_on` as in
 * Azure/azure-sdk-for-js sdk/identity/identity/src/credentials/azureCliCredential.ts (checked 2026-12-05).
 * Nothing printed is ever put in an error.
 */
export function parseEntraCommandOutput(stdout: string, provider: string): EntraToken {
  const text = stdout.trim();
  if (!text) throw commandError(provider, 'printed nothing on stdout');
  if (!text.startsWith('{')) {
    if (/\s/.test(text)) throw commandError(provider, 'printed neither JSON with an accessToken nor a single token');
    return { token: text, expiresAt: jwtExpiry(text) };
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw commandError(provider, 'printed output that is not valid JSON');
  }
  const token = body.accessToken ?? body.access_token;
  if (typeof token !== 'string' || !token || /\s/.test(token))
    throw commandError(provider, 'printed JSON without an accessToken');
  const seconds =
    typeof body.expires_on === 'number'
      ? body.expires_on
      : typeof body.expires_on === 'string'
        ? Number.parseInt(body.expires_on, 10)
        : NaN;
  if (Number.isFinite(seconds)) return { token, expiresAt: seconds * 1000 };
  const date = typeof body.expiresOn === 'string' ? new Date(body.expiresOn).getTime() : NaN;
  return { token, expiresAt: Number.isFinite(date) ? date : jwtExpiry(token) };
}

/** A token source for one slot (never module-wide): the command runs at most once at a time. */
export function createEntraTokenSource(options: EntraTokenOptions): EntraTokenSource {
  let cached: { token: string; reuseUntil: number } | undefined;
  const flight = createSingleFlight<string>(options.provider);
  return {
    async token(signal) {
      if (cached && options.now() < cached.reuseUntil) return cached.token;
      return flight.run(async (flightSignal) => {
        const stdout = await runCredentialCommand({
          command: options.command,
          env: options.env,
          provider: options.provider,
          signal: flightSignal,
          timeoutMs: options.timeoutMs,
          fail: (detail, kind) => commandError(options.provider, detail, kind),
        });
        const { token, expiresAt } = parseEntraCommandOutput(stdout, options.provider);
        const now = options.now();
        if (expiresAt !== undefined && expiresAt <= now)
          throw commandError(
            options.provider,
            'printed a token that has already expired (sign in again, e.g. `az login`)',
          );
        cached = {
          token,
          reuseUntil:
            expiresAt === undefined ? now + UNKNOWN_EXPIRY_REUSE_MS : Math.max(now, expiresAt - ENTRA_EXPIRY_MARGIN_MS),
        };
        return token;
      }, signal);
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** A stable id for the command's tokens (for origin approvals): never the token itself. */
export function entraSecretId(command: string): string {
  return `entra:${createHash('sha256').update(command).digest('hex').slice(0, 16)}`;
}
