import { requireApiKey } from '../../auth/apiKey';
import type { OpenAISlot } from '../../config/types';
import type { HttpTimeouts } from '../../util/http';
import { createOpenAICompatibleClient } from '../openaiCompatible/client';
import { wireDialectFor } from '../openaiCompatible/wireDialect';
import type { EndpointSource } from '../openaiCompatible/sendOpenAIRequest';
import { createOpenAIResponsesClient } from '../openaiResponses/client';
import type { ChatRequest, ProviderClient, ProviderDeps, RequestOptions } from '../types';
import { batchedClient, chatEventBatches } from '../eventBatches';
import { isOpenAIReasoningModel } from './isOpenAIReasoningModel';
import { openaiDescriptor } from './descriptor';

export const OPENAI_DEFAULT_BASE_URL = openaiDescriptor.baseUrl;

/**
 * Reasoning models refuse sampling parameters other than their defaults; they are left out for them. (Which
 * token-limit field and whether `reasoning_effort` goes is the dialect's: wireDialect.ts `openai`.)
 */
export function adaptOpenAIBody(body: Record<string, unknown>, request: ChatRequest): Record<string, unknown> {
  const model = typeof body.model === 'string' ? body.model : (request.model ?? '');
  if (!isOpenAIReasoningModel(model)) return body;
  const { temperature: _temperature, top_p: _topP, ...rest } = body;
  return rest;
}

/** Codex models (gpt-5-codex, gpt-5.1-codex-mini, …) answer only on the Responses API. */
export function isResponsesOnlyOpenAIModel(model: string): boolean {
  return /codex/i.test(model);
}

/**
 * The native OpenAI slot: Chat Completions at `base_url` (default api.openai.com/v1), organisation and project
 * headers; codex models go to `/responses` with the same endpoint and headers.
 */
export function createOpenAIClient(slot: OpenAISlot, deps: ProviderDeps, timeouts?: HttpTimeouts): ProviderClient {
  const baseUrl = (slot.baseUrl || OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const source: EndpointSource = {
    slotId: slot.id,
    http: deps.http,
    logger: deps.logger.child(slot.id),
    timeouts,
    async resolveEndpoint() {
      const key = await requireApiKey(slot.id, slot.apiKey, deps);
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (slot.organization) headers['openai-organization'] = slot.organization;
      if (slot.project) headers['openai-project'] = slot.project;
      return { baseUrl, headers };
    },
  };
  const chat = createOpenAICompatibleClient({
    ...source,
    chatPath: '/chat/completions',
    modelsPath: '/models',
    defaultModel: slot.model,
    dialect: wireDialectFor('openai'),
    transformBody: adaptOpenAIBody,
  });
  const responses = createOpenAIResponsesClient({ ...source, defaultModel: slot.model });
  const clientFor = (request: ChatRequest) =>
    isResponsesOnlyOpenAIModel(request.model ?? slot.model) ? responses : chat;
  return batchedClient({
    slotId: slot.id,
    streamChatBatches: (request: ChatRequest, options?: RequestOptions) =>
      chatEventBatches(clientFor(request), request, options),
    send: (request: ChatRequest, options?: RequestOptions) => clientFor(request).send(request, options),
    listModels: (options?: RequestOptions) => chat.listModels(options),
  });
}
