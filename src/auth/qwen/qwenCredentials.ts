import { expandHome, readOptionalFile, removeFile, writeSecretFile } from '../secretFile';
import { tokenFileProblem } from '../tokenFileGuard';

/** A Qwen OAuth sign-in as Skynet holds it. */
export interface QwenCredentials {
  accessToken: string;
  refreshToken?: string;
  tokenType?: string;
  /** Epoch ms; undefined when the server named no lifetime. */
  expiresAt?: number;
  /** API host (with or without scheme) the tokens are good for. */
  resourceUrl?: string;
}

/** The credentials file was found but cannot be used. */
export class QwenCredentialsFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`The Qwen credentials file ${file} ${reason}. Sign in again with \`skynet login qwen\`.`);
    this.name = 'QwenCredentialsFileError';
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function epochMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Reads qwen-code's `oauth_creds.json` (`access_token`, `refresh_token`, `token_type`, `resource_url` and
 * `expiry_date` in epoch ms) and this design's spelling `expires_at` (epoch ms) alike.
 */
export function parseQwenCredentials(json: string, file: string): QwenCredentials {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new QwenCredentialsFileError(file, 'is not valid JSON');
  }
  if (!value || typeof value !== 'object') throw new QwenCredentialsFileError(file, 'is not a JSON object');
  const record = value as Record<string, unknown>;
  const accessToken = text(record.access_token);
  if (!accessToken) throw new QwenCredentialsFileError(file, 'holds no access_token');
  return {
    accessToken,
    refreshToken: text(record.refresh_token),
    tokenType: text(record.token_type),
    expiresAt: epochMs(record.expires_at) ?? epochMs(record.expiry_date),
    resourceUrl: text(record.resource_url),
  };
}

/** The file's JSON: both expiry spellings, so qwen-code and Skynet can share one file. */
export function formatQwenCredentials(credentials: QwenCredentials): string {
  const json: Record<string, unknown> = {
    access_token: credentials.accessToken,
    refresh_token: credentials.refreshToken,
    token_type: credentials.tokenType ?? 'Bearer',
    resource_url: credentials.resourceUrl,
    expiry_date: credentials.expiresAt,
    expires_at: credentials.expiresAt,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Credentials from a token reply (`expires_in` seconds); keeps the previous refresh token and resource when the reply omits them. */
export function credentialsFromTokenReply(
  reply: Record<string, unknown>,
  now: number,
  previous?: QwenCredentials,
): QwenCredentials {
  const accessToken = text(reply.access_token);
  if (!accessToken) throw new Error('token reply without access_token');
  const expiresIn = typeof reply.expires_in === 'number' && reply.expires_in > 0 ? reply.expires_in : undefined;
  return {
    accessToken,
    refreshToken: text(reply.refresh_token) ?? previous?.refreshToken,
    tokenType: text(reply.token_type) ?? previous?.tokenType,
    expiresAt: expiresIn !== undefined ? now + expiresIn * 1000 : undefined,
    resourceUrl: text(reply.resource_url) ?? text(reply.endpoint) ?? previous?.resourceUrl,
  };
}

export function qwenCredentialsFile(credentialsPath: string, homeDir: string): string {
  return expandHome(credentialsPath, homeDir);
}

/** The saved sign-in, or undefined when the file does not exist. */
export async function readQwenCredentials(file: string): Promise<QwenCredentials | undefined> {
  const json = await readOptionalFile(file);
  return json === undefined ? undefined : parseQwenCredentials(json, file);
}

/** Why sign-in or sign-out must leave this file alone (see tokenFileProblem), or undefined. */
export function qwenCredentialsFileProblem(file: string, defaultFile?: string): Promise<string | undefined> {
  return tokenFileProblem(file, {
    description: 'a Qwen credentials file (oauth_creds.json: JSON with access_token)',
    defaultFile,
    looksLikeTokenFile: (text) => {
      try {
        parseQwenCredentials(text, file);
        return true;
      } catch {
        return false;
      }
    },
  });
}

/** Saves atomically (temp file + rename) with owner-only permissions; never over a file that is not a sign-in's. */
export async function writeQwenCredentials(
  file: string,
  credentials: QwenCredentials,
  defaultFile?: string,
): Promise<void> {
  const problem = await qwenCredentialsFileProblem(file, defaultFile);
  if (problem) throw new Error(`not overwriting ${file}: ${problem}. Point credentials_path at a new file.`);
  await writeSecretFile(file, formatQwenCredentials(credentials));
}

export async function removeQwenCredentials(file: string, defaultFile?: string): Promise<boolean> {
  const problem = await qwenCredentialsFileProblem(file, defaultFile);
  if (problem) throw new Error(`not removing ${file}: ${problem}. Delete it yourself if it is a sign-in.`);
  return removeFile(file);
}
