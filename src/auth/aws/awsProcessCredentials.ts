import { ProviderError } from '../../util/errors';
import {
  CREDENTIAL_COMMAND_TIMEOUT_MS,
  runCredentialCommand,
  safeFirstLine,
  splitCommandLine,
} from '../credentialCommand';
import type { AwsCredentials } from './sigv4';

/** Credentials that may expire (`expiresAt` in ms since the epoch; absent = until the process is run again). */
export interface ExpiringCredentials {
  credentials: AwsCredentials;
  expiresAt?: number;
}

export const CREDENTIAL_PROCESS_TIMEOUT_MS = CREDENTIAL_COMMAND_TIMEOUT_MS;
/** Re-exported: the AWS code and its tests name them here. */
export { safeFirstLine, splitCommandLine };

export interface CredentialProcessInput {
  profile: string;
  command: string;
  env: Readonly<Record<string, string | undefined>>;
  provider: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

function processError(input: CredentialProcessInput, detail: string, kind: 'auth' | 'timeout' = 'auth'): ProviderError {
  return new ProviderError({
    kind,
    slot: input.provider,
    code: 'CredentialProcessError',
    message: `credential_process of AWS profile "${input.profile}" ${detail}`,
  });
}

/** Reads the process output (`Version: 1`); the output itself is never put in an error. */
export function parseProcessOutput(
  stdout: string,
  input: Pick<CredentialProcessInput, 'profile' | 'provider'>,
): ExpiringCredentials {
  const fail = (detail: string): ProviderError => processError(input as CredentialProcessInput, detail);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    throw fail('did not print JSON on stdout');
  }
  if (!body || typeof body !== 'object') throw fail('did not print a JSON object');
  if (body.Version !== 1)
    throw fail(`printed Version ${JSON.stringify(body.Version ?? null)}; only Version 1 is understood`);
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = body;
  if (typeof AccessKeyId !== 'string' || !AccessKeyId || typeof SecretAccessKey !== 'string' || !SecretAccessKey)
    throw fail('printed no AccessKeyId/SecretAccessKey');
  let expiresAt: number | undefined;
  if (Expiration !== undefined && Expiration !== null) {
    expiresAt = typeof Expiration === 'string' ? Date.parse(Expiration) : NaN;
    if (!Number.isFinite(expiresAt)) throw fail('printed an Expiration that is not an ISO 8601 time');
  }
  return {
    credentials: {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      ...(typeof SessionToken === 'string' && SessionToken ? { sessionToken: SessionToken } : {}),
    },
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/** Runs the profile's `credential_process` (no shell; see splitCommandLine) with a timeout and the caller's signal. */
export async function runCredentialProcess(input: CredentialProcessInput): Promise<ExpiringCredentials> {
  const stdout = await runCredentialCommand({ ...input, fail: (detail, kind) => processError(input, detail, kind) });
  return parseProcessOutput(stdout, input);
}
