import { trimSlash } from '../../auth/copilot/copilotIdentity';
import { findGithubToken, missingGithubTokenMessage } from '../../auth/copilot/copilotGithubToken';
import { createCopilotTokenSource, type CopilotTokenSource } from '../../auth/copilot/copilotToken';
import { checkServiceAddress } from '../../auth/serviceAddress';
import type { CopilotSlot } from '../../config/types';
import { parseOpenAIModels } from '../openaiCompatible/parseOpenAIResponse';
import { fetchOpenAIModelsBody } from '../openaiCompatible/sendOpenAIRequest';
import { createSignedInClient, signedInSource, type SignedInClientOptions } from '../signedInClient';
import type { ProviderClient, ProviderDeps } from '../types';
import { wireDialectFor } from '../openaiCompatible/wireDialect';
import { copilotDescriptor } from './descriptor';
import { copilotInitiator, copilotRequestHeaders, requestHasImages } from './copilotHeaders';
import { copilotApiRule } from './copilotApiAddress';
import { chooseCopilotApi, createModelEndpointCache } from './copilotModelEndpoints';

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
 * token (exchanged from the GitHub token, cached, refreshed before expiry, and once after a 401). Each chat goes
 * to `/chat/completions`, or to `/responses` for models whose `supported_endpoints` (from `/models`, cached per
 * client) list only that (gpt-5.x-codex); without a usable `/models`, codex models go to `/responses`.
 */
export function createCopilotClient(
  slot: CopilotSlot,
  deps: ProviderDeps,
  tokens: CopilotTokenSource = createSlotTokenSource(slot, deps),
): ProviderClient {
  const apiRule = copilotApiRule(slot);
  const fetchModels = (signal?: AbortSignal): Promise<unknown> =>
    fetchOpenAIModelsBody(signedInSource(options), '/models', signal);
  const models = createModelEndpointCache({
    fetch: (signal) => fetchModels(signal),
    now: deps.now,
    logger: deps.logger.child(slot.id),
    provider: slot.id,
  });
  const options: SignedInClientOptions = {
    slotId: slot.id,
    defaultModel: slot.model,
    deps,
    dialect: wireDialectFor('copilot'),
    async resolve(signal, request) {
      const copilot = await tokens.get(signal);
      const baseUrl = copilot.apiUrl ?? trimSlash(slot.baseUrl || copilotDescriptor.baseUrl);
      // The reply chose this address, not the user: decided before the Copilot token is attached.
      await checkServiceAddress(baseUrl, apiRule, deps.serviceOrigins);
      return {
        token: copilot.token,
        baseUrl,
        headers: copilotRequestHeaders(copilot.token, requestHasImages(request), copilotInitiator(request)),
      };
    },
    invalidate: (token) => tokens.invalidate(token),
    async apiFor(request, signal) {
      await options.resolve(signal, request); // a failed exchange or a refused address surfaces as itself, once, before any `/models` call
      return chooseCopilotApi(request.model ?? slot.model, await models.get(signal));
    },
  };
  return {
    ...createSignedInClient(options),
    async listModels(requestOptions = {}) {
      const body = await fetchModels(requestOptions.signal);
      models.remember(body);
      return parseOpenAIModels(body, slot.id);
    },
  };
}
