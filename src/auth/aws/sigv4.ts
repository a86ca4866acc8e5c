import { AwsV4Signer } from 'aws4fetch';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** Milliseconds since the epoch: the signing time (injected so tests can pin it). */
  now: number;
}

/** `20150830T123600Z` for a time in milliseconds. */
export function amzDate(now: number): string {
  return new Date(now).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

/**
 * Signs a request with AWS Signature Version 4 (through aws4fetch's AwsV4Signer) and returns the headers to
 * send: the given ones plus `x-amz-date`, `authorization` and, with temporary credentials,
 * `x-amz-security-token`. Every given header is signed. `host` is left out: the HTTP client sets the same value.
 */
export async function signAwsRequest(input: SignInput): Promise<Record<string, string>> {
  const signer = new AwsV4Signer({
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: input.body,
    accessKeyId: input.credentials.accessKeyId,
    secretAccessKey: input.credentials.secretAccessKey,
    sessionToken: input.credentials.sessionToken,
    service: input.service,
    region: input.region,
    datetime: amzDate(input.now),
    allHeaders: true,
  });
  const signed = await signer.sign();
  const headers: Record<string, string> = {};
  signed.headers.forEach((value, name) => {
    if (name !== 'host') headers[name] = value;
  });
  return headers;
}
