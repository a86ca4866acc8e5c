import { secretKeys } from '../../auth/credentialStore';
import type { NativeDescriptor, ProviderNotes } from '../descriptor';
import { WIRE_DIALECTS } from '../openaiCompatible/wireDialect';

const GITHUB_URL = 'https://github.com';
const GITHUB_API_URL = 'https://api.github.com';

/** GitHub Copilot: a GitHub OAuth token (device flow on github.com) exchanged at api.github.com for a Copilot token. */
export const copilotDescriptor: NativeDescriptor<'copilot'> & { githubUrl: string; githubApiUrl: string } = {
  id: 'copilot',
  kind: 'copilot',
  name: 'GitHub Copilot',
  group: 'sign-in',
  baseUrl: 'https://api.githubcopilot.com',
  defaultModel: 'claude-sonnet-5.5',
  githubUrl: GITHUB_URL,
  githubApiUrl: GITHUB_API_URL,
  credential: {
    what: 'GitHub OAuth token (device flow), exchanged for a short-lived Copilot token',
    authOrigins: [GITHUB_URL, GITHUB_API_URL],
  },
  slotCredential: {
    userCredential: (slot) =>
      slot.tokenPath ? `your GitHub token (${slot.tokenPath})` : 'your GitHub sign-in (Copilot)',
    secret: (slot, ownBaseUrl) => ({
      secretId: slot.tokenPath ? `file:${slot.tokenPath}` : secretKeys.githubToken(slot.id),
      // The approval question names the file it will read: token_path may name any file.
      secretLabel: slot.tokenPath
        ? `your GitHub token, read from the file ${slot.tokenPath}`
        : 'your GitHub token (Copilot sign-in)',
      destinations: [
        { url: slot.githubApiUrl, own: [GITHUB_API_URL] },
        { url: slot.baseUrl, own: ownBaseUrl ? [ownBaseUrl] : [] },
      ],
    }),
    identity: (slot) => ({ tokenPath: slot.tokenPath, githubUrl: slot.githubUrl, githubApiUrl: slot.githubApiUrl }),
  },
  dialect: WIRE_DIALECTS.copilot,
  models: { kind: 'native', path: '/models' },
  setup: { summary: 'sign in with GitHub · Copilot subscription', asks: ['model'], signIn: true },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const copilotNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source:
      'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (github-copilot); gpt-4o left the picker in May 2026 (copilot-intellij-feedback#1701)',
  },
  modelsNote: 'the models this account may use (`model_picker_enabled`)',
};
