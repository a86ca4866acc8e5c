import { awsRegionProblem } from '../../config/cloudLocations';
import { ProviderError } from '../../util/errors';
import type { AwsCredentialCache } from './awsCredentialCache';
import { ProfileProblem, planProblem, profilePlan, type CredentialPlan } from './awsProfilePlan';
import { awsSharedFilePaths, configSection, credentialsSection, readIniFile } from './awsSharedFiles';
import type { HttpClient } from '../../util/http';
import type { AwsCredentials } from './sigv4';

/** How a Bedrock request authenticates: a Bedrock API key (bearer) or SigV4-signed with AWS credentials. */
type AwsAuthSource =
  { type: 'bearer'; token: string; source: string } | { type: 'sigv4'; credentials: AwsCredentials; source: string };
export type AwsAuth = AwsAuthSource & { region: string };

export interface AwsAuthInput {
  region?: string;
  profile?: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** Milliseconds since the epoch (SSO token expiry); Date.now by default. */
  now?: () => number;
}

/** What fetching credentials (credential_process, SSO, AssumeRole) needs beyond the input. */
export interface AwsFetchRuntime {
  http: HttpClient;
  cache: AwsCredentialCache;
  signal?: AbortSignal;
  /** The credential_process timeout (30 s by default). */
  processTimeoutMs?: number;
}

type Resolved = {
  auth?: AwsAuthSource;
  plan?: CredentialPlan;
  tried: string[];
  profileRegion?: string;
  profile: string;
};

/** Walks the documented order and records what each source said, for the error when none has credentials. */
async function walk(input: AwsAuthInput): Promise<Resolved> {
  const { env } = input;
  const profile = input.profile || env.AWS_PROFILE || 'default';
  const tried: string[] = [];
  const paths = awsSharedFilePaths(env, input.homeDir);
  const configFile = await readIniFile(paths.config);
  const config = configSection(configFile, profile);
  const base = { profile, profileRegion: config?.region };

  if (env.AWS_BEARER_TOKEN_BEDROCK) {
    return {
      ...base,
      tried,
      auth: { type: 'bearer', token: env.AWS_BEARER_TOKEN_BEDROCK, source: 'AWS_BEARER_TOKEN_BEDROCK' },
    };
  }
  tried.push('AWS_BEARER_TOKEN_BEDROCK (not set)');

  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    const credentials: AwsCredentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
    return { ...base, tried, auth: { type: 'sigv4', credentials, source: 'environment (AWS_ACCESS_KEY_ID)' } };
  }
  if (env.AWS_ACCESS_KEY_ID || env.AWS_SECRET_ACCESS_KEY) {
    tried.push(
      `AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (only ${env.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set)`,
    );
  } else {
    tried.push('AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (not set)');
  }

  const credentialsFile = await readIniFile(paths.credentials);
  let plan: CredentialPlan | undefined;
  try {
    plan = profilePlan({ paths, config: configFile, credentials: credentialsFile }, env, profile);
  } catch (error) {
    if (!(error instanceof ProfileProblem)) throw error;
    tried.push(`profile "${profile}" in ${paths.config} (${error.message})`);
    return { ...base, tried };
  }
  if (plan?.kind === 'static')
    return { ...base, tried, auth: { type: 'sigv4', credentials: plan.credentials, source: plan.source } };
  if (plan) return { ...base, tried, plan };
  tried.push(
    !credentialsFile
      ? `profile "${profile}" in ${paths.credentials} (file not found)`
      : credentialsSection(credentialsFile, profile)
        ? `profile "${profile}" in ${paths.credentials} (no aws_access_key_id/aws_secret_access_key)`
        : `profile "${profile}" in ${paths.credentials} (no such profile)`,
  );
  tried.push(
    !configFile
      ? `profile "${profile}" in ${paths.config} (file not found)`
      : config
        ? `profile "${profile}" in ${paths.config} (no credentials)`
        : `profile "${profile}" in ${paths.config} (no such profile)`,
  );
  return { ...base, tried };
}

function regionOf(input: AwsAuthInput, resolved: Resolved): string | undefined {
  return input.region || input.env.AWS_REGION || input.env.AWS_DEFAULT_REGION || resolved.profileRegion || undefined;
}

/**
 * A region about to become part of a host (`bedrock-runtime.{region}.amazonaws.com`, STS, SSO), checked as the
 * config's `region` is: one from the environment or ~/.aws/config must not move the host either.
 */
export function checkedAwsRegion(region: string, provider: string): string {
  const problem = awsRegionProblem(region);
  if (problem)
    throw new ProviderError({
      kind: 'auth',
      slot: provider,
      code: 'invalid-region',
      message: `AWS region ${problem}: fix AWS_REGION, AWS_DEFAULT_REGION or the profile's region in ~/.aws/config`,
    });
  return region;
}

function missingCredentials(resolved: Resolved): string {
  return `No AWS credentials found. Tried, in order: ${resolved.tried.join('; ')}.`;
}

const MISSING_REGION =
  'No AWS region: set `region` in the slot, AWS_REGION or AWS_DEFAULT_REGION, or `region` in the profile of ~/.aws/config.';

/** Why the slot cannot authenticate (every source tried), or undefined when it can. For preflight. */
export async function describeAwsAuthProblem(input: AwsAuthInput): Promise<string | undefined> {
  let resolved: Resolved;
  try {
    resolved = await walk(input);
  } catch (error) {
    return `Cannot read the AWS shared files: ${(error as Error).message}`;
  }
  if (!resolved.auth && !resolved.plan) return missingCredentials(resolved);
  const region = regionOf(input, resolved);
  if (!region) return MISSING_REGION;
  const problem = awsRegionProblem(region);
  if (problem) return `AWS region ${problem}`;
  return resolved.plan ? planProblem(resolved.plan, input.homeDir, (input.now ?? Date.now)()) : undefined;
}

/**
 * Credentials and region in the documented order, read now (per request). Credentials a profile fetches
 * (credential_process, SSO, AssumeRole) come through `runtime.cache`. Throws a typed ProviderError.
 */
export async function resolveAwsAuth(
  input: AwsAuthInput,
  provider: string,
  runtime?: AwsFetchRuntime,
): Promise<AwsAuth> {
  let resolved: Resolved;
  try {
    resolved = await walk(input);
  } catch (error) {
    throw new ProviderError({
      kind: 'auth',
      slot: provider,
      message: `Cannot read the AWS shared files: ${(error as Error).message}`,
      cause: error,
    });
  }
  const found = regionOf(input, resolved);
  const region = found && checkedAwsRegion(found, provider);
  if (resolved.plan) {
    if (!region) throw new ProviderError({ kind: 'auth', slot: provider, message: MISSING_REGION });
    if (!runtime)
      throw new ProviderError({
        kind: 'auth',
        slot: provider,
        message: `${resolved.plan.source} needs a network client to fetch credentials`,
      });
    const plan = resolved.plan;
    const credentials = await runtime.cache.get(plan, {
      http: runtime.http,
      now: input.now ?? Date.now,
      env: input.env,
      homeDir: input.homeDir,
      region,
      provider,
      signal: runtime.signal,
      processTimeoutMs: runtime.processTimeoutMs,
    });
    return { type: 'sigv4', credentials, source: plan.source, region };
  }
  if (!resolved.auth) throw new ProviderError({ kind: 'auth', slot: provider, message: missingCredentials(resolved) });
  if (!region) throw new ProviderError({ kind: 'auth', slot: provider, message: MISSING_REGION });
  return { ...resolved.auth, region };
}
