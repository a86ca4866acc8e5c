import {
  loadServiceAccount,
  importServiceAccountKey,
  serviceAccountPath,
  type ServiceAccount,
} from '../../auth/google/googleServiceAccount';
import { createVertexTokenSource } from '../../auth/google/vertexToken';
import { checkServiceAddress } from '../../auth/serviceAddress';
import type { VertexSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { HttpResponse } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import { readSseBatches } from '../../util/sse';
import { parseAnthropicStreamBatches } from '../anthropic/anthropicStream';
import { batchedClient, flattenBatches } from '../eventBatches';
import { collectChat } from '../collect';
import type {
  ChatEvent,
  ChatRequest,
  ChatResult,
  ModelInfo,
  ProviderClient,
  ProviderDeps,
  RequestOptions,
} from '../types';
import { convertToGeminiRequest } from '../gemini/convertToGeminiRequest';
import { parseGeminiStreamBatches } from '../gemini/geminiStream';
import { convertToVertexClaudeRequest } from './vertexClaude';
import { vertexErrorFromResponse } from '../gemini/googleError';
import { vertexDescriptor, vertexTokenUriRule } from './descriptor';
import { vertexModelUrl, vertexPublisher } from './vertexUrl';

function missingKeyFile(provider: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: provider,
    message: 'No Google service-account key file: set `key_file` in the slot or GOOGLE_APPLICATION_CREDENTIALS.',
  });
}

/** Vertex AI client: Gemini via streamGenerateContent, Claude via streamRawPredict; service-account auth. */
export function createVertexClient(slot: VertexSlot, deps: ProviderDeps): ProviderClient {
  const provider = slot.id;
  const log = deps.logger.child(provider);
  const tokenUriRule = vertexTokenUriRule(slot);
  const tokens = createVertexTokenSource(
    { ...deps, checkTokenUri: (url) => checkServiceAddress(url, tokenUriRule, deps.serviceOrigins) },
    provider,
  );

  async function account(): Promise<ServiceAccount> {
    const file = serviceAccountPath(slot.keyFile, deps.env, deps.homeDir);
    if (!file) throw missingKeyFile(provider);
    return loadServiceAccount(file, provider);
  }

  /** Posts with a fresh-enough token; on 401 mints a new token once and retries once. */
  async function post(
    request: ChatRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; anthropic: boolean; token: string }> {
    const serviceAccount = await account();
    const project = slot.projectId || serviceAccount.projectId;
    if (!project)
      throw new ProviderError({
        kind: 'auth',
        slot: provider,
        message: `No Google Cloud project: set \`project_id\` in the slot (the key file ${serviceAccount.file} has none).`,
      });
    const location = slot.location || vertexDescriptor.location;
    const model = request.model ?? slot.model;
    const anthropic = vertexPublisher(model) === 'anthropic';
    const url = vertexModelUrl(
      slot,
      project,
      location,
      anthropic ? 'anthropic' : 'google',
      model,
      anthropic ? 'streamRawPredict' : 'streamGenerateContent',
    );
    const body = JSON.stringify(
      anthropic
        ? convertToVertexClaudeRequest(request, model, { promptCaching: slot.promptCaching })
        : convertToGeminiRequest(request, model),
    );
    for (let attempt = 0; ; attempt++) {
      const token = await tokens.token(serviceAccount, signal);
      log.debug('POST %s attempt=%d', url, attempt + 1);
      const response = await deps.http.request({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body,
        signal,
        provider,
      });
      if (response.status === 401 && attempt === 0) {
        response.close();
        tokens.invalidate(token);
        continue;
      }
      if (response.status < 200 || response.status >= 300)
        throw withoutSecrets(await vertexErrorFromResponse(response, provider, deps.now()), [token]);
      return { response, anthropic, token };
    }
  }

  async function* streamChatBatches(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
    const { response, anthropic, token } = await post(request, options.signal);
    try {
      const events = readSseBatches(response.body, provider);
      yield* anthropic ? parseAnthropicStreamBatches(events, provider) : parseGeminiStreamBatches(events, provider);
    } catch (error) {
      throw withoutSecrets(error, [token]);
    } finally {
      response.close();
    }
  }

  return batchedClient({
    slotId: provider,
    streamChatBatches,
    async send(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResult> {
      return collectChat(flattenBatches(streamChatBatches(request, options)));
    },
    async listModels(): Promise<ModelInfo[]> {
      // Vertex has no per-project list of publisher models; the configured model is what the slot answers with.
      return [{ id: slot.model }];
    },
  });
}

/** Preflight: the key file exists, is a service-account key and its PEM imports; a project is known. */
export async function describeVertexProblem(slot: VertexSlot, deps: ProviderDeps): Promise<string | undefined> {
  try {
    const file = serviceAccountPath(slot.keyFile, deps.env, deps.homeDir);
    if (!file) throw missingKeyFile(slot.id);
    const serviceAccount = await loadServiceAccount(file, slot.id);
    await importServiceAccountKey(serviceAccount, slot.id);
    if (!slot.projectId && !serviceAccount.projectId)
      return `${slot.id}: no Google Cloud project: set \`project_id\` (the key file ${file} has none).`;
    return undefined;
  } catch (error) {
    return `${slot.id}: ${(error as Error).message}`;
  }
}
