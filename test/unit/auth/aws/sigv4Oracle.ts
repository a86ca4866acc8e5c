import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface OracleInput {
  method: string;
  /** `https://host/path?query` as the request was sent. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ` */
  amzDate: string;
}

function parseAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`bad x-amz-date ${value}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** The Authorization header the official AWS signer (@smithy/signature-v4) computes for the same request. */
export async function oracleAuthorization(input: OracleInput): Promise<string> {
  const url = new URL(input.url);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization' && lower !== 'x-amz-date' && lower !== 'x-amz-security-token') headers[lower] = value;
  }
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: input.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers,
      body: input.body,
    },
    { signingDate: parseAmzDate(input.amzDate) },
  );
  return signed.headers.authorization ?? signed.headers.Authorization;
}

/** `SignedHeaders=a;b;c` of an Authorization header. */
export function signedHeaderNames(authorization: string): string[] {
  return /SignedHeaders=([^,]+)/.exec(authorization)?.[1].split(';') ?? [];
}
