import type { NativeDescriptor, ProviderNotes } from '../descriptor';

/** AWS Bedrock's runtime host; `{region}` comes from the slot, AWS_REGION or ~/.aws/config. */
const RUNTIME_URL = 'https://bedrock-runtime.{region}.amazonaws.com';

function awsCredentials(profile: string | undefined): string {
  return `your AWS credentials${profile ? ` (profile ${profile})` : ''}`;
}

export const bedrockDescriptor: NativeDescriptor<'bedrock'> & { region: string } = {
  id: 'bedrock',
  kind: 'bedrock',
  name: 'AWS Bedrock',
  group: 'cloud',
  baseUrl: RUNTIME_URL,
  region: 'us-east-1',
  defaultModel: 'global.anthropic.claude-sonnet-5-5',
  credential: {
    what: 'AWS credentials (SigV4 `bedrock`: keys, profile, SSO, credential_process, AssumeRole) or a Bedrock API key (Bearer)',
    authOrigins: ['https://sts.{region}.amazonaws.com', 'https://portal.sso.{region}.amazonaws.com'],
  },
  slotCredential: {
    // Keys, a bearer token or a session from the environment, ~/.aws/credentials or ~/.aws/config (profile).
    userCredential: (slot) => awsCredentials(slot.profile),
    secret: (slot) =>
      slot.baseUrl
        ? {
            secretId: `aws:${slot.profile ?? 'default'}`,
            secretLabel: awsCredentials(slot.profile),
            destinations: [{ url: slot.baseUrl, own: /(^|\.)amazonaws\.com(\.cn)?$/ }],
          }
        : undefined,
    identity: (slot) => ({ region: slot.region, profile: slot.profile }),
  },
  models: { kind: 'native', path: '/foundation-models' },
  setup: { summary: 'AWS credentials chain', asks: ['region', 'profile', 'model'] },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const bedrockNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source:
      'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (bedrock); current Claude models answer only through an inference profile (`global.`/`us.` prefix): vercel/ai amazon-bedrock, LibreChat#4570',
  },
  modelsNote: 'ListFoundationModels on the control-plane host `bedrock.{region}.amazonaws.com`',
};
