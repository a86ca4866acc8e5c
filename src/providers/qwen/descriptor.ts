import type { NativeDescriptor, ProviderNotes } from '../descriptor';
import { WIRE_DIALECTS } from '../openaiCompatible/wireDialect';

const AUTH_URL = 'https://chat.qwen.ai';

/** Qwen sign-in: qwen-code's OAuth device flow (PKCE) at chat.qwen.ai, tokens kept in qwen-code's credentials file. */
export const qwenOAuthDescriptor: NativeDescriptor<'qwen-oauth'> & { authUrl: string; credentialsPath: string } = {
  id: 'qwen_oauth',
  kind: 'qwen-oauth',
  name: 'Qwen (sign-in)',
  group: 'sign-in',
  baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
  defaultModel: 'qwen3-coder-plus',
  authUrl: AUTH_URL,
  credentialsPath: '~/.qwen/oauth_creds.json',
  credential: {
    what: 'OAuth tokens from the device flow, in ~/.qwen/oauth_creds.json (shared with qwen-code)',
    authOrigins: [AUTH_URL],
  },
  slotCredential: {
    userCredential: (slot) => `your Qwen sign-in (${slot.credentialsPath})`,
    secret: (slot, ownBaseUrl) => ({
      secretId: `file:${slot.credentialsPath}`,
      secretLabel: 'your Qwen sign-in tokens',
      destinations: [
        { url: slot.authUrl, own: [AUTH_URL] },
        { url: slot.baseUrl, own: ownBaseUrl ? [ownBaseUrl] : [] },
      ],
    }),
    identity: (slot) => ({ credentialsPath: slot.credentialsPath, authUrl: slot.authUrl }),
  },
  dialect: WIRE_DIALECTS.qwen_oauth,
  models: { kind: 'endpoint', path: '/models', shape: 'openai' },
  setup: { summary: 'sign in with a device code', asks: ['model'], signIn: true },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const qwenOAuthNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source: 'QwenLM/qwen-code qwenOAuth2.ts (the service ended 2026-04-15: QwenLM/qwen-code#3210)',
  },
};
