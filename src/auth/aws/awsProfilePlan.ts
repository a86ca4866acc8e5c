import { readSsoToken, type SsoProfile } from './awsSso';
import { configSection, credentialsSection, type AwsSharedFilePaths, type IniSections } from './awsSharedFiles';
import type { AwsCredentials } from './sigv4';

// Which credentials an AWS profile uses, worked out from the shared config and credentials files without running anything.

export type Env = Readonly<Record<string, string | undefined>>;

/** How a profile gets its credentials, read from the shared files but not yet run. */
export type CredentialPlan =
  | { kind: 'static'; credentials: AwsCredentials; source: string }
  | { kind: 'process'; profile: string; command: string; source: string }
  | { kind: 'sso'; sso: SsoProfile; source: string }
  | {
      kind: 'assume-role';
      profile: string;
      roleArn: string;
      sessionName?: string;
      externalId?: string;
      durationSeconds?: number;
      /** The role profile's `region`; else the Bedrock region is used for STS. */
      region?: string;
      from: CredentialPlan;
      source: string;
    };

/** A profile that names a way to get credentials that Skynet will not or cannot follow; the message says why. */
export class ProfileProblem extends Error {}

export interface SharedFiles {
  paths: AwsSharedFilePaths;
  config?: IniSections;
  credentials?: IniSections;
}

const exportHint = (profile: string): string =>
  `export static credentials with \`aws configure export-credentials --profile ${profile} --format env\``;

function staticKeys(section: Record<string, string> | undefined): AwsCredentials | undefined {
  const accessKeyId = section?.aws_access_key_id;
  const secretAccessKey = section?.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(section.aws_session_token ? { sessionToken: section.aws_session_token } : {}),
  };
}

function staticPlan(files: SharedFiles, profile: string): CredentialPlan | undefined {
  const fromCredentials = staticKeys(credentialsSection(files.credentials, profile));
  if (fromCredentials)
    return {
      kind: 'static',
      credentials: fromCredentials,
      source: `profile "${profile}" in ${files.paths.credentials}`,
    };
  const fromConfig = staticKeys(configSection(files.config, profile));
  if (fromConfig)
    return { kind: 'static', credentials: fromConfig, source: `profile "${profile}" in ${files.paths.config}` };
  return undefined;
}

function ssoPlan(files: SharedFiles, profile: string, section: Record<string, string>): CredentialPlan {
  const missing = (keys: string[]): never => {
    throw new ProfileProblem(`SSO profile without ${keys.join(', ')}`);
  };
  let tokenId: string;
  let startUrl: string | undefined;
  let region: string | undefined;
  if (section.sso_session) {
    const session = files.config?.[`sso-session ${section.sso_session}`];
    if (!session)
      throw new ProfileProblem(
        `sso_session "${section.sso_session}" has no [sso-session ${section.sso_session}] section`,
      );
    tokenId = section.sso_session;
    startUrl = session.sso_start_url;
    region = session.sso_region;
    if (!startUrl || !region)
      missing(
        [
          !startUrl && `sso_start_url in [sso-session ${tokenId}]`,
          !region && `sso_region in [sso-session ${tokenId}]`,
        ].filter((key): key is string => !!key),
      );
  } else {
    startUrl = section.sso_start_url;
    region = section.sso_region;
    if (!region) missing(['sso_region']);
    tokenId = startUrl;
  }
  const accountId = section.sso_account_id;
  const roleName = section.sso_role_name;
  if (!accountId || !roleName)
    missing([!accountId && 'sso_account_id', !roleName && 'sso_role_name'].filter((key): key is string => !!key));
  return {
    kind: 'sso',
    sso: { profile, tokenId, startUrl: startUrl!, region: region!, accountId, roleName },
    source: `SSO (profile "${profile}", account ${accountId}, role ${roleName})`,
  };
}

function roleSource(
  files: SharedFiles,
  env: Env,
  profile: string,
  section: Record<string, string>,
  chain: string[],
): CredentialPlan {
  if (section.source_profile && section.credential_source)
    throw new ProfileProblem('role_arn with both source_profile and credential_source');
  if (section.credential_source) {
    if (section.credential_source !== 'Environment') {
      throw new ProfileProblem(
        `credential_source = ${section.credential_source} (instance or container metadata) is not supported; use source_profile or credential_source = Environment`,
      );
    }
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY)
      throw new ProfileProblem(
        'credential_source = Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set',
      );
    return {
      kind: 'static',
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      },
      source: 'environment (AWS_ACCESS_KEY_ID, credential_source)',
    };
  }
  const source = section.source_profile;
  if (!source) throw new ProfileProblem('role_arn without source_profile or credential_source');
  if (source === profile) {
    // A profile naming itself: its own static keys are the source (as in botocore and the JS SDK).
    const own = staticPlan(files, profile);
    if (!own)
      throw new ProfileProblem(`source_profile = ${source} (itself) without aws_access_key_id/aws_secret_access_key`);
    return own;
  }
  if (chain.includes(source)) throw new ProfileProblem(`source_profile loop: ${[...chain, source].join(' → ')}`);
  const plan = profilePlan(files, env, source, chain);
  if (!plan) throw new ProfileProblem(`source_profile "${source}" has no credentials`);
  return plan;
}

/**
 * The plan for a profile, in the order of the AWS SDK for JavaScript's fromIni (a profile's credentials-file and
 * config-file keys merged): static keys of a source profile; `role_arn`; static keys (credentials file, then
 * config file); `credential_process`; SSO. `web_identity_token_file` and `mfa_serial` are refused (ProfileProblem).
 * Undefined when the profile names no credentials at all. `chain` is the profiles that led here (source_profile).
 */
export function profilePlan(
  files: SharedFiles,
  env: Env,
  profile: string,
  chain: string[] = [],
): CredentialPlan | undefined {
  const section: Record<string, string> = {
    ...configSection(files.config, profile),
    ...credentialsSection(files.credentials, profile),
  };
  const keys = staticPlan(files, profile);
  if (chain.length > 0 && keys) return keys;
  if (section.role_arn) {
    if (section.mfa_serial)
      throw new ProfileProblem(
        `role_arn with mfa_serial needs an MFA code typed in, which Skynet cannot ask for; ${exportHint(profile)}`,
      );
    const from = roleSource(files, env, profile, section, [...chain, profile]);
    const duration = section.duration_seconds ? Number(section.duration_seconds) : undefined;
    if (duration !== undefined && !(Number.isInteger(duration) && duration > 0))
      throw new ProfileProblem(`duration_seconds = ${section.duration_seconds} is not a whole number of seconds`);
    return {
      kind: 'assume-role',
      profile,
      roleArn: section.role_arn,
      ...(section.role_session_name ? { sessionName: section.role_session_name } : {}),
      ...(section.external_id ? { externalId: section.external_id } : {}),
      ...(duration ? { durationSeconds: duration } : {}),
      ...(section.region ? { region: section.region } : {}),
      from,
      source: `role ${section.role_arn} (profile "${profile}") from ${from.source}`,
    };
  }
  if (keys) return keys;
  if (section.web_identity_token_file)
    throw new ProfileProblem(`uses web_identity_token_file, which Skynet does not run; ${exportHint(profile)}`);
  if (section.credential_process)
    return {
      kind: 'process',
      profile,
      command: section.credential_process,
      source: `credential_process of profile "${profile}"`,
    };
  if (section.sso_session || section.sso_start_url) return ssoPlan(files, profile, section);
  return undefined;
}

/** Problems a plan would surely meet, found without running anything: an SSO token missing or expired. */
export async function planProblem(plan: CredentialPlan, homeDir: string, now: number): Promise<string | undefined> {
  if (plan.kind === 'assume-role') return planProblem(plan.from, homeDir, now);
  if (plan.kind !== 'sso') return undefined;
  try {
    await readSsoToken(plan.sso, homeDir, now, 'preflight');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
