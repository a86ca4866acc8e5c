import { requireApiKey } from '../../auth/apiKey';
import { createEntraTokenSource, type EntraTokenSource } from '../../auth/azure/entraToken';
import { azureDeploymentProblem, isDeploymentPathVersion } from '../../config/azureNames';
import type { AzureSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { HttpTimeouts } from '../../util/http';
import { adaptOpenAIBody, isResponsesOnlyOpenAIModel } from '../openai/client';
import { createOpenAICompatibleClient } from '../openaiCompatible/client';
import type { EndpointSource } from '../openaiCompatible/sendOpenAIRequest';
import { wireDialectFor } from '../openaiCompatible/wireDialect';
import { createOpenAIResponsesClient } from '../openaiResponses/client';
import { batchedClient, chatEventBatches } from '../eventBatches';
import type { ChatRequest, ChatResult, ModelInfo, ProviderClient, ProviderDeps, RequestOptions } from '../types';
import { contentFilterFinishError, describeAzureHttpError, withContentFilterError } from './azureError';

/** The deployment a model is sent to: its `deployments` entry, else the model id itself; checked, as it enters the URL. */
export function deploymentFor(slot: AzureSlot, model: string): string {
  const deployment = slot.deployments[model] ?? model;
  const problem = azureDeploymentProblem(deployment);
  if (problem)
    throw new ProviderError({
      kind: 'bad-request',
      slot: slot.id,
      code: 'invalid-deployment',
      message: `${problem}; map the model to a deployment in [providers.azure] deployments`,
    });
  return deployment;
}

/**
 * Where a request goes, by api_version (learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle, checked
 * 2026-12-05): `v1` → `{endpoint}/openai/v1/chat/completions` with the deployment as the body's `model` and no
 * api-version; `preview` → the same with `?api-version=preview`; a dated version → the classic
 * `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…` (openai/openai-node src/azure.ts).
 */
export function azureRoute(slot: AzureSlot, deployment: string): { baseUrl: string; query: string } {
  if (isDeploymentPathVersion(slot.apiVersion)) {
    return {
      baseUrl: `${slot.baseUrl}/openai/deployments/${deployment}`,
      query: `?api-version=${encodeURIComponent(slot.apiVersion)}`,
    };
  }
  return { baseUrl: `${slot.baseUrl}/openai/v1`, query: slot.apiVersion === 'preview' ? '?api-version=preview' : '' };
}

/**
 * Which wire a model takes: Responses for `api = "openai-responses"` and for the codex models (which answer only
 * there), on the v1 path; Chat Completions otherwise. A codex model on the classic dated path cannot be answered:
 * a typed error with the fix, before anything is sent.
 */
function wireOf(slot: AzureSlot, model: string): 'chat' | 'responses' {
  const responses = slot.api === 'openai-responses' || isResponsesOnlyOpenAIModel(model);
  if (!responses) return 'chat';
  if (!isDeploymentPathVersion(slot.apiVersion)) return 'responses';
  throw new ProviderError({
    kind: 'bad-request',
    slot: slot.id,
    code: 'responses-needs-v1',
    message: `"${model}" needs the Responses API, on the v1 path only: remove api_version = "${slot.apiVersion}" or write "preview"`,
  });
}

/**
 * Azure OpenAI / Azure AI Foundry: Chat Completions on the resource's endpoint (and, on the v1 path, the Responses
 * API: for every model with `api = "openai-responses"`, else for the codex models that answer only there), with the `api-key` header or an Entra ID Bearer token, read
 * per request. Azure's errors become typed ProviderErrors; a content-filter stop is an error, not a quiet end.
 */
export function createAzureClient(slot: AzureSlot, deps: ProviderDeps, timeouts?: HttpTimeouts): ProviderClient {
  const entra: EntraTokenSource | undefined =
    slot.entraCommand !== undefined
      ? createEntraTokenSource({ command: slot.entraCommand, env: deps.env, provider: slot.id, now: deps.now })
      : undefined;
  const logger = deps.logger.child(slot.id);

  async function authHeaders(signal?: AbortSignal): Promise<Record<string, string>> {
    if (entra) return { authorization: `Bearer ${await entra.token(signal)}` };
    if (!('apiKey' in slot)) throw new Error('unreachable: an Azure slot without entra_command has an api_key');
    return { 'api-key': await requireApiKey(slot.id, slot.apiKey, deps) };
  }

  function clientFor(request: ChatRequest): ProviderClient {
    const model = request.model ?? slot.model;
    const deployment = deploymentFor(slot, model);
    const route = azureRoute(slot, deployment);
    const source: EndpointSource = {
      slotId: slot.id,
      http: deps.http,
      logger,
      timeouts,
      resolveEndpoint: async (signal) => ({ baseUrl: route.baseUrl, headers: await authHeaders(signal) }),
      // An Entra token the service refused (revoked, wrong tenant): run the command again, once.
      onUnauthorized: entra
        ? async () => {
            entra.invalidate();
            return true;
          }
        : undefined,
      describeError: describeAzureHttpError({ deployment, apiVersion: slot.apiVersion }),
    };
    const transformBody = (body: Record<string, unknown>, original: ChatRequest) => ({
      ...adaptOpenAIBody(body, original),
      model: deployment,
    });
    if (wireOf(slot, model) === 'responses') {
      return createOpenAIResponsesClient({
        ...source,
        defaultModel: model,
        responsesPath: `/responses${route.query}`,
        transformBody,
      });
    }
    return createOpenAICompatibleClient({
      ...source,
      chatPath: `/chat/completions${route.query}`,
      defaultModel: model,
      dialect: wireDialectFor('azure'),
      transformBody,
    });
  }

  return batchedClient({
    slotId: slot.id,
    // A generator, so a model that is no deployment name fails when the stream is read, like any other error.
    async *streamChatBatches(request: ChatRequest, options?: RequestOptions) {
      yield* withContentFilterError(chatEventBatches(clientFor(request), request, options), slot.id);
    },
    async send(request: ChatRequest, options?: RequestOptions): Promise<ChatResult> {
      const result = await clientFor(request).send(request, options);
      if (result.finishReason === 'content-filter') throw contentFilterFinishError(slot.id);
      return result;
    },
    // The data plane lists the resource's base models, not its deployments (those are a control-plane call):
    // the models this slot can send to are the configured one and those mapped in `deployments`.
    async listModels(): Promise<ModelInfo[]> {
      return [...new Set([slot.model, ...Object.keys(slot.deployments)])].map((id) => ({ id }));
    },
  });
}
