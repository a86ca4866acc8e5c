import { ProviderError, kindForStatus } from '../../util/errors';
import type { HttpClient } from '../../util/http';
import type { ExpiringCredentials } from './awsProcessCredentials';
import { safeFirstLine } from './awsProcessCredentials';
import { signAwsRequest, type AwsCredentials } from './sigv4';

export interface AssumeRoleParams {
  /** The profile holding `role_arn`, for errors. */
  profile: string;
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
}

export interface StsRequest {
  http: HttpClient;
  /** `https://sts.<region>.amazonaws.com` unless AWS_ENDPOINT_URL_STS moves it. */
  endpoint: string;
  /** The signing region (the region of the endpoint). */
  region: string;
  now: number;
  provider: string;
  signal?: AbortSignal;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : ENTITIES[name.toLowerCase()],
  );
}

/** The text of the first `<tag>` inside `xml` (STS answers are flat enough that no parser is needed). */
function xmlElement(xml: string, tag: string, decode = true): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match) return undefined;
  return decode ? xmlText(match[1].trim()) : match[1];
}

/** STS AssumeRole (query protocol, SigV4 service `sts`) with the source credentials; the XML's Credentials. */
export async function assumeRole(
  params: AssumeRoleParams,
  source: AwsCredentials,
  request: StsRequest,
): Promise<ExpiringCredentials> {
  const form = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: params.roleArn,
    RoleSessionName: params.sessionName,
  });
  if (params.externalId) form.set('ExternalId', params.externalId);
  if (params.durationSeconds) form.set('DurationSeconds', String(params.durationSeconds));
  const body = form.toString();
  const url = `${request.endpoint.replace(/\/+$/, '')}/`;
  const headers = await signAwsRequest({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
    credentials: source,
    region: request.region,
    service: 'sts',
    now: request.now,
  });
  const response = await request.http.request({
    method: 'POST',
    url,
    headers,
    body,
    signal: request.signal,
    provider: request.provider,
  });
  const xml = await response.text();
  const where = `AssumeRole of ${params.roleArn} (profile "${params.profile}")`;
  if (response.status !== 200) {
    const code = xmlElement(xml, 'Code');
    const message = xmlElement(xml, 'Message');
    const detail = [code, message && safeFirstLine(message, [source.secretAccessKey, source.sessionToken])]
      .filter(Boolean)
      .join(': ');
    const kind = response.status === 400 || response.status === 403 ? 'auth' : kindForStatus(response.status);
    throw new ProviderError({
      kind,
      slot: request.provider,
      status: response.status,
      code: code ?? 'AssumeRoleError',
      message: `${where} failed: HTTP ${response.status}${detail ? ` ${detail}` : ''}`,
    });
  }
  const credentials = xmlElement(xml, 'Credentials', false) ?? '';
  const accessKeyId = xmlElement(credentials, 'AccessKeyId');
  const secretAccessKey = xmlElement(credentials, 'SecretAccessKey');
  const sessionToken = xmlElement(credentials, 'SessionToken');
  const expiresAt = Date.parse(xmlElement(credentials, 'Expiration') ?? '');
  if (!accessKeyId || !secretAccessKey || !sessionToken) {
    throw new ProviderError({
      kind: 'invalid-response',
      slot: request.provider,
      code: 'AssumeRoleError',
      message: `${where}: STS answered without Credentials`,
    });
  }
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}
