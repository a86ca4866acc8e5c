import { ProviderError } from '../util/errors';
import { awsSharedFilePaths, configSection, credentialsSection, readIniFile } from './awsSharedFiles';
import type { AwsCredentials } from './sigv4';

/** How a Bedrock request authenticates: a Bedrock API key (bearer) or SigV4-signed with AWS credentials. */
type AwsAuthSource = { type: 'bearer'; token: string; source: string } | { type: 'sigv4'; credentials: AwsCredentials; source: string };
export type AwsAuth = AwsAuthSource & { region: string };

export interface AwsAuthInput {
  region?: string;
  profile?: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

type Resolved = { auth?: AwsAuthSource; tried: string[]; profileRegion?: string; profile: string };

const UNSUPPORTED_PROFILE_KEYS = ['sso_session', 'sso_start_url', 'role_arn', 'credential_process', 'web_identity_token_file'];

function fromSection(section: Record<string, string> | undefined): AwsCredentials | undefined {
  const accessKeyId = section?.aws_access_key_id;
  const secretAccessKey = section?.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(section.aws_session_token ? { sessionToken: section.aws_session_token } : {}) };
}

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
    return { ...base, tried, auth: { type: 'bearer', token: env.AWS_BEARER_TOKEN_BEDROCK, source: 'AWS_BEARER_TOKEN_BEDROCK' } };
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
    tried.push(`AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (only ${env.AWS_ACCESS_KEY_ID ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set)`);
  } else {
    tried.push('AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (not set)');
  }

  const credentialsFile = await readIniFile(paths.credentials);
  const fromCredentials = fromSection(credentialsSection(credentialsFile, profile));
  if (fromCredentials) return { ...base, tried, auth: { type: 'sigv4', credentials: fromCredentials, source: `profile "${profile}" in ${paths.credentials}` } };
  tried.push(
    !credentialsFile
      ? `profile "${profile}" in ${paths.credentials} (file not found)`
      : credentialsSection(credentialsFile, profile)
        ? `profile "${profile}" in ${paths.credentials} (no aws_access_key_id/aws_secret_access_key)`
        : `profile "${profile}" in ${paths.credentials} (no such profile)`,
  );

  const fromConfig = fromSection(config);
  if (fromConfig) return { ...base, tried, auth: { type: 'sigv4', credentials: fromConfig, source: `profile "${profile}" in ${paths.config}` } };
  const unsupported = UNSUPPORTED_PROFILE_KEYS.filter((key) => config?.[key]);
  tried.push(
    !configFile
      ? `profile "${profile}" in ${paths.config} (file not found)`
      : unsupported.length > 0
        ? `profile "${profile}" in ${paths.config} (uses ${unsupported.join(', ')}, which Skynet does not run; export static credentials with \`aws configure export-credentials --profile ${profile} --format env\`)`
        : config
          ? `profile "${profile}" in ${paths.config} (no credentials)`
          : `profile "${profile}" in ${paths.config} (no such profile)`,
  );
  return { ...base, tried };
}

function regionOf(input: AwsAuthInput, resolved: Resolved): string | undefined {
  return input.region || input.env.AWS_REGION || input.env.AWS_DEFAULT_REGION || resolved.profileRegion || undefined;
}

function missingCredentials(resolved: Resolved): string {
  return `No AWS credentials found. Tried, in order: ${resolved.tried.join('; ')}.`;
}

const MISSING_REGION = 'No AWS region: set `region` in the slot, AWS_REGION or AWS_DEFAULT_REGION, or `region` in the profile of ~/.aws/config.';

/** Why the slot cannot authenticate (every source tried), or undefined when it can. For preflight. */
export async function describeAwsAuthProblem(input: AwsAuthInput): Promise<string | undefined> {
  let resolved: Resolved;
  try {
    resolved = await walk(input);
  } catch (error) {
    return `Cannot read the AWS shared files: ${(error as Error).message}`;
  }
  if (!resolved.auth) return missingCredentials(resolved);
  if (!regionOf(input, resolved)) return MISSING_REGION;
  return undefined;
}

/** Credentials and region in the documented order, read now (per request). Throws an `auth` ProviderError. */
export async function resolveAwsAuth(input: AwsAuthInput, provider: string): Promise<AwsAuth> {
  let resolved: Resolved;
  try {
    resolved = await walk(input);
  } catch (error) {
    throw new ProviderError({ kind: 'auth', provider, message: `Cannot read the AWS shared files: ${(error as Error).message}`, cause: error });
  }
  if (!resolved.auth) throw new ProviderError({ kind: 'auth', provider, message: missingCredentials(resolved) });
  const region = regionOf(input, resolved);
  if (!region) throw new ProviderError({ kind: 'auth', provider, message: MISSING_REGION });
  return { ...resolved.auth, region };
}
