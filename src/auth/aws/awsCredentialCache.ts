import { createHash } from 'node:crypto';
import type { HttpClient } from '../../util/http';
import { assumeRole } from './awsAssumeRole';
import { checkedAwsRegion } from './awsCredentials';
import { runCredentialProcess, type ExpiringCredentials } from './awsProcessCredentials';
import type { CredentialPlan, Env } from './awsProfilePlan';
import { fetchSsoRoleCredentials, readSsoToken } from './awsSso';
import type { AwsCredentials } from './sigv4';
import { createSingleFlight, type SingleFlight } from '../../util/singleFlight';

// Fetches the credentials a profile's plan names (credential_process, SSO, AssumeRole) and caches them per client.

/** What running plans needs: the HTTP client, the clock, the environment (endpoints, the process's env). */
export interface PlanRuntime {
  http: HttpClient;
  now: () => number;
  env: Env;
  homeDir: string;
  /** The Bedrock region: the STS region when the role profile names none. */
  region: string;
  provider: string;
  signal?: AbortSignal;
  processTimeoutMs?: number;
}

/** Credentials are fetched again this long before they expire. */
export const AWS_EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * The endpoint of an AWS service as the SDKs pick it: `AWS_ENDPOINT_URL_<SERVICE ID>`, then `AWS_ENDPOINT_URL`
 * (both ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), else the public host.
 */
export function awsServiceEndpoint(env: Env, serviceId: string, fallback: string): string {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return fallback;
  return env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, '_')}`] || env.AWS_ENDPOINT_URL || fallback;
}

/** A stable name for what a plan would fetch, without any secret in it. */
function planKey(plan: CredentialPlan): string {
  switch (plan.kind) {
    case 'static':
      return `static:${plan.credentials.accessKeyId}:${createHash('sha256')
        .update(`${plan.credentials.secretAccessKey}\n${plan.credentials.sessionToken ?? ''}`)
        .digest('hex')}`;
    case 'process':
      return `process:${plan.profile}:${plan.command}`;
    case 'sso':
      return `sso:${JSON.stringify(plan.sso)}`;
    case 'assume-role':
      return `role:${JSON.stringify([plan.roleArn, plan.sessionName, plan.externalId, plan.durationSeconds, plan.region])}<-${planKey(plan.from)}`;
  }
}

export interface AwsCredentialCache {
  /** The plan's credentials: cached until shortly before they expire, fetched once for all concurrent callers. */
  get(plan: CredentialPlan, runtime: PlanRuntime): Promise<AwsCredentials>;
  /** Forgets everything (the service refused credentials as expired). */
  clear(): void;
}

/** Credentials fetched by credential_process, SSO and AssumeRole, per client (never module-wide). */
export function createAwsCredentialCache(): AwsCredentialCache {
  const cached = new Map<string, ExpiringCredentials>();
  const flights = new Map<string, SingleFlight<ExpiringCredentials>>();

  async function fetchPlan(
    plan: Exclude<CredentialPlan, { kind: 'static' }>,
    runtime: PlanRuntime,
  ): Promise<ExpiringCredentials> {
    switch (plan.kind) {
      case 'process':
        return runCredentialProcess({
          profile: plan.profile,
          command: plan.command,
          env: runtime.env,
          provider: runtime.provider,
          signal: runtime.signal,
          timeoutMs: runtime.processTimeoutMs,
        });
      case 'sso': {
        const token = await readSsoToken(plan.sso, runtime.homeDir, runtime.now(), runtime.provider);
        const endpoint = awsServiceEndpoint(
          runtime.env,
          'SSO',
          `https://portal.sso.${checkedAwsRegion(plan.sso.region, runtime.provider)}.amazonaws.com`,
        );
        return fetchSsoRoleCredentials(plan.sso, token, {
          http: runtime.http,
          endpoint,
          provider: runtime.provider,
          signal: runtime.signal,
        });
      }
      case 'assume-role': {
        const source = await get(plan.from, runtime);
        const region = checkedAwsRegion(plan.region || runtime.region, runtime.provider);
        const endpoint = awsServiceEndpoint(runtime.env, 'STS', `https://sts.${region}.amazonaws.com`);
        const now = runtime.now();
        return assumeRole(
          {
            profile: plan.profile,
            roleArn: plan.roleArn,
            sessionName: plan.sessionName ?? `skynet-${now}`,
            externalId: plan.externalId,
            durationSeconds: plan.durationSeconds,
          },
          source,
          { http: runtime.http, endpoint, region, now, provider: runtime.provider, signal: runtime.signal },
        );
      }
    }
  }

  async function get(plan: CredentialPlan, runtime: PlanRuntime): Promise<AwsCredentials> {
    if (plan.kind === 'static') return plan.credentials;
    const key = planKey(plan);
    const hit = cached.get(key);
    if (hit && (hit.expiresAt === undefined || runtime.now() < hit.expiresAt - AWS_EXPIRY_MARGIN_MS))
      return hit.credentials;
    let flight = flights.get(key);
    if (!flight) flights.set(key, (flight = createSingleFlight<ExpiringCredentials>(runtime.provider)));
    const fresh = await flight.run((signal) => fetchPlan(plan, { ...runtime, signal }), runtime.signal);
    cached.set(key, fresh);
    return fresh.credentials;
  }

  return {
    get,
    clear: () => cached.clear(),
  };
}
