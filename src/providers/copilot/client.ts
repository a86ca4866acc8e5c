import { COPILOT_DEFAULT_API_URL, trimSlash } from '../../auth/copilotIdentity';
import { findGithubToken, missingGithubTokenMessage } from '../../auth/copilotGithubToken';
import { createCopilotTokenSource, type CopilotTokenSource } from '../../auth/copilotToken';
import type { CopilotSlot } from '../../config/types';
import { createSignedInClient } from '../signedInClient';
import type { ProviderClient, ProviderDeps } from '../types';
import { copilotRequestHeaders, requestHasImages } from './copilotHeaders';

/** The slot's Copilot token cache: one per client, shared by its requests. */
export function createSlotTokenSource(slot: CopilotSlot, deps: ProviderDeps): CopilotTokenSource {
  return createCopilotTokenSource({
    provider: slot.id,
    http: deps.http,
    githubApiUrl: slot.githubApiUrl,
    githubToken: () => findGithubToken(slot, deps),
    notSignedInMessage: missingGithubTokenMessage(slot, deps.homeDir),
    now: deps.now,
    logger: deps.logger.child(slot.id),
  });
}

/**
 * GitHub Copilot: the OpenAI-compatible client at `endpoints.api`, authorised with the short-lived Copilot
 * token (exchanged from the GitHub token, cached, refreshed before expiry, and once after a 401).
 */
export function createCopilotClient(slot: CopilotSlot, deps: ProviderDeps, tokens: CopilotTokenSource = createSlotTokenSource(slot, deps)): ProviderClient {
  return createSignedInClient({
    slotId: slot.id,
    defaultModel: slot.model,
    deps,
    async resolve(signal, request) {
      const copilot = await tokens.get(signal);
      return {
        token: copilot.token,
        baseUrl: copilot.apiUrl ?? trimSlash(slot.baseUrl || COPILOT_DEFAULT_API_URL),
        headers: copilotRequestHeaders(copilot.token, requestHasImages(request)),
      };
    },
    invalidate: (token) => tokens.invalidate(token),
  });
}
