import { createPrivateKey, type KeyObject } from 'node:crypto';
import { ProviderError } from '../../util/errors';
import { CredentialFileError, expandHome, readCredentialFile } from '../secretFile';

/** The fields of a service-account key file we use. */
export interface ServiceAccount {
  file: string;
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  projectId?: string;
  tokenUri: string;
}

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** The key file: the slot's `key_file`, else GOOGLE_APPLICATION_CREDENTIALS; `~` expanded. */
export function serviceAccountPath(
  keyFile: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  homeDir: string,
): string | undefined {
  const file = keyFile || env.GOOGLE_APPLICATION_CREDENTIALS;
  return file ? expandHome(file, homeDir) : undefined;
}

function invalid(provider: string, file: string, problem: string, cause?: unknown): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: provider,
    message: `Invalid Google service-account key file ${file}: ${problem}`,
    cause,
  });
}

/** Reads and checks a service-account JSON key file. Every problem is an `auth` error that names the file. */
export async function loadServiceAccount(file: string, provider: string): Promise<ServiceAccount> {
  let text: string;
  try {
    text = await readCredentialFile(file);
  } catch (error) {
    if (error instanceof CredentialFileError)
      throw invalid(
        provider,
        file,
        error.code === 'TOO_LARGE' ? 'it is larger than a key file can be' : 'it is not a regular file',
        error,
      );
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      provider,
      file,
      code === 'ENOENT' ? 'the file does not exist' : `cannot read it (${code ?? (error as Error).message})`,
      error,
    );
  }
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    json = parsed as Record<string, unknown>;
  } catch (error) {
    throw invalid(provider, file, 'it is not JSON', error);
  }
  if (json.type !== 'service_account') {
    const kind = typeof json.type === 'string' ? `a "${json.type}" credential` : 'not a service-account key';
    throw invalid(
      provider,
      file,
      `it is ${kind}; Vertex needs a service-account key (type "service_account") from IAM → Service accounts → Keys`,
    );
  }
  const missing = ['client_email', 'private_key'].filter((field) => typeof json[field] !== 'string' || !json[field]);
  if (missing.length > 0) throw invalid(provider, file, `missing ${missing.join(' and ')}`);
  const text_ = (field: string): string | undefined =>
    typeof json[field] === 'string' && json[field] ? (json[field] as string) : undefined;
  return {
    file,
    clientEmail: text_('client_email')!,
    privateKey: text_('private_key')!,
    privateKeyId: text_('private_key_id'),
    projectId: text_('project_id'),
    tokenUri: text_('token_uri') ?? GOOGLE_TOKEN_URI,
  };
}

/** The RS256 signing key of a service account; a bad PEM is an `auth` error naming the file. */
export async function importServiceAccountKey(account: ServiceAccount, provider: string): Promise<KeyObject> {
  try {
    if (!account.privateKey.includes('-----BEGIN PRIVATE KEY-----'))
      throw new Error('no PKCS#8 "BEGIN PRIVATE KEY" block');
    const key = createPrivateKey({ key: account.privateKey, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType} key, not RSA`);
    return key;
  } catch (error) {
    throw invalid(provider, account.file, 'private_key is not a valid PKCS#8 PEM RSA key', error);
  }
}
