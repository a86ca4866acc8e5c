import { withoutSecrets } from '../../util/redact';
import { readSseBatches, type SseEvent } from '../../util/sse';
import { collectChat } from '../collect';
import { parseOpenAIModels } from '../openaiCompatible/parseOpenAIResponse';
import { fetchOpenAIModelsBody, sendOpenAIRequest, type EndpointSource } from '../openaiCompatible/sendOpenAIRequest';
import type { ChatEvent, ChatRequest, ChatResult, ModelInfo, ProviderClient, RequestOptions } from '../types';
import { buildResponsesRequestBody } from './buildResponsesRequestBody';
import { parseResponsesStreamBatches } from './responsesStream';
import { batchedClient } from '../eventBatches';

export interface OpenAIResponsesOptions extends EndpointSource {
  defaultModel: string;
  /** Appended to the base URL; default '/responses'. */
  responsesPath?: string;
  modelsPath?: string;
  /** Last chance to adjust the JSON body (Azure: the deployment as `model`). */
  transformBody?(body: Record<string, unknown>, request: ChatRequest): Record<string, unknown>;
}

type Json = Record<string, unknown>;

function* itemsOf(value: unknown): Generator<Json> {
  if (Array.isArray(value)) for (const item of value) if (item && typeof item === 'object') yield item as Json;
}

/**
 * A whole Response object (a server that ignored `stream: true`) as the stream events that would have built it,
 * so one parser reads both.
 */
function* eventsOfResponseBody(body: unknown): Generator<SseEvent> {
  const event = (payload: Json): SseEvent => ({ data: JSON.stringify(payload) });
  if (!body || typeof body !== 'object' || (body as Json).error) {
    yield event({ type: 'error', ...((body as Json | undefined)?.error as Json | undefined) });
    return;
  }
  const response = body as Json;
  let outputIndex = 0;
  for (const item of itemsOf(response.output)) {
    const base = { output_index: outputIndex++ };
    if (item.type === 'function_call') yield event({ type: 'response.output_item.done', ...base, item });
    for (const part of itemsOf(item.summary))
      yield event({ type: 'response.reasoning_summary_text.delta', ...base, delta: part.text });
    for (const part of itemsOf(item.content)) {
      if (part.type === 'output_text') yield event({ type: 'response.output_text.delta', ...base, delta: part.text });
      if (part.type === 'refusal') yield event({ type: 'response.refusal.delta', ...base, delta: part.refusal });
    }
  }
  yield event({
    type:
      response.status === 'incomplete'
        ? 'response.incomplete'
        : response.status === 'failed'
          ? 'response.failed'
          : 'response.completed',
    response,
  });
}

async function* oneBatch<T>(items: T[]): AsyncGenerator<T[]> {
  yield items;
}

/**
 * The OpenAI Responses API (`POST …/responses`, streamed, `store: false`) behind the ProviderClient interface:
 * what Copilot's Responses-only models (gpt-5.x-codex) speak. Endpoint, headers and the 401 retry come from the
 * same EndpointSource the Chat Completions client uses. Holds no per-request state.
 */
export function createOpenAIResponsesClient(options: OpenAIResponsesOptions): ProviderClient {
  const provider = options.slotId;
  const bodyOf = (request: ChatRequest): Record<string, unknown> => {
    const body = buildResponsesRequestBody(request, request.model ?? options.defaultModel);
    return options.transformBody ? options.transformBody(body, request) : body;
  };
  const client: ProviderClient = batchedClient({
    slotId: provider,

    async *streamChatBatches(request: ChatRequest, requestOptions: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
      const { response, secrets } = await sendOpenAIRequest(options, {
        method: 'POST',
        path: options.responsesPath ?? '/responses',
        body: bodyOf(request),
        accept: 'text/event-stream',
        signal: requestOptions.signal,
      });
      try {
        const json = /\bjson\b/i.test(response.headers.get('content-type') ?? '');
        const events = json
          ? oneBatch([...eventsOfResponseBody(await response.json())])
          : readSseBatches(response.body, provider);
        yield* parseResponsesStreamBatches(events, provider);
      } catch (error) {
        throw withoutSecrets(error, secrets);
      } finally {
        response.close();
      }
    },

    send: (request: ChatRequest, requestOptions?: RequestOptions): Promise<ChatResult> =>
      collectChat(client.streamChat(request, requestOptions)),

    async listModels(requestOptions: RequestOptions = {}): Promise<ModelInfo[]> {
      return parseOpenAIModels(
        await fetchOpenAIModelsBody(options, options.modelsPath ?? '/models', requestOptions.signal),
        provider,
      );
    },
  });
  return client;
}
