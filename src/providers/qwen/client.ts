import { qwenCredentialsFile } from '../../auth/qwen/qwenCredentials';
import { withQwenRefusalNote } from '../../auth/qwen/qwenSignIn';
import { createQwenTokenSource, type QwenTokenSource } from '../../auth/qwen/qwenToken';
import { checkServiceAddress } from '../../auth/serviceAddress';
import { ProviderError } from '../../util/errors';
import type { QwenOAuthSlot } from '../../config/types';
import { createSignedInClient } from '../signedInClient';
import type { ProviderClient, ProviderDeps } from '../types';
import { wireDialectFor } from '../openaiCompatible/wireDialect';
import { qwenApiBase, qwenApiRule } from './qwenBaseUrl';

const QWEN_USER_AGENT = 'Skynet/0.1.0';

export function createSlotQwenTokenSource(slot: QwenOAuthSlot, deps: ProviderDeps): QwenTokenSource {
  return createQwenTokenSource({
    provider: slot.id,
    http: deps.http,
    authUrl: slot.authUrl,
    file: qwenCredentialsFile(slot.credentialsPath, deps.homeDir),
    now: deps.now,
    logger: deps.logger.child(slot.id),
  });
}

/**
 * Qwen with an OAuth sign-in: the OpenAI-compatible client at the sign-in's `resource_url`, with the access
 * token from the credentials file, refreshed before expiry and once after a 401.
 */
export function createQwenClient(
  slot: QwenOAuthSlot,
  deps: ProviderDeps,
  tokens: QwenTokenSource = createSlotQwenTokenSource(slot, deps),
): ProviderClient {
  const apiRule = qwenApiRule(slot);
  return createSignedInClient({
    slotId: slot.id,
    defaultModel: slot.model,
    deps,
    dialect: wireDialectFor('qwen_oauth'),
    async resolve(signal) {
      const credentials = await tokens.get(signal);
      const baseUrl = qwenApiBase(credentials.resourceUrl, slot.baseUrl);
      // resource_url comes from the token reply (or the credentials file), not the user: decided before the token goes.
      await checkServiceAddress(baseUrl, apiRule, deps.serviceOrigins);
      return {
        token: credentials.accessToken,
        baseUrl,
        headers: {
          authorization: `Bearer ${credentials.accessToken}`,
          'user-agent': QWEN_USER_AGENT,
          'x-dashscope-authtype': 'qwen-oauth',
        },
      };
    },
    invalidate: (token) => tokens.invalidate(token),
    // Since the free tier ended, the API answers existing sign-ins with 401/403: say why.
    mapError: (error) =>
      error instanceof ProviderError && (error.status === 401 || error.status === 403)
        ? withQwenRefusalNote(error)
        : error,
  });
}
