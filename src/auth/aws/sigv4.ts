import { createHash, createHmac } from 'node:crypto';

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

/** encodeURIComponent leaves `!'()*` as they are; SigV4's canonical form escapes them too. */
const encodeRfc3986 = (text: string): string =>
  text.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256Hex = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * Signs a request with AWS Signature Version 4 (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html,
 * checked 2026-12-05) and returns the headers to send: the given ones plus `x-amz-date`, `authorization` and, with
 * temporary credentials, `x-amz-security-token`. Every given header is signed. `host` is left out: the HTTP client
 * sets the same value. The path is encoded twice, as every service but S3 expects (Skynet signs Bedrock and STS);
 * the AWS test suite and @smithy/signature-v4 check the result (test/unit/auth/aws/sigv4.test.ts).
 */
export async function signAwsRequest(input: SignInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  // Headers gives names in lower case, sorted, and values trimmed, as the canonical request wants them.
  const headers = new Headers(input.headers);
  headers.delete('host');
  const datetime = amzDate(input.now);
  headers.set('x-amz-date', datetime);
  if (input.credentials.sessionToken) headers.set('x-amz-security-token', input.credentials.sessionToken);
  const names = ['host', ...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names
    .map((name) => `${name}:${name === 'host' ? url.host : (headers.get(name) ?? '').replace(/\s+/g, ' ')}`)
    .join('\n');
  const path = encodeRfc3986(encodeURIComponent(url.pathname.replace(/\/+/g, '/')).replace(/%2F/g, '/'));
  const query = [...url.searchParams]
    .filter(([key]) => key)
    .map((pair) => pair.map((part) => encodeRfc3986(encodeURIComponent(part))))
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map((pair) => pair.join('='))
    .join('&');
  const method = (input.method || (input.body ? 'POST' : 'GET')).toUpperCase();
  const bodyHash = headers.get('x-amz-content-sha256') || sha256Hex(input.body ?? '');
  const canonicalRequest = [method, path, query, `${canonicalHeaders}\n`, signedHeaders, bodyHash].join('\n');
  const scope = `${datetime.slice(0, 8)}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', datetime, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, datetime.slice(0, 8)), input.region), input.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.set(
    'authorization',
    `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  );
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = value;
  });
  return result;
}
