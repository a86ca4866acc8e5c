import type { HttpClient, HttpTimeouts } from '../../util/http';
import type { Logger } from '../../util/logger';
import { withoutSecrets } from '../../util/redact';
import { readSseBatches } from '../../util/sse';
import type { ChatEvent, ChatRequest, ChatResult, ModelInfo, ProviderClient, RequestOptions } from '../types';
import { buildOpenAIRequestBody } from './buildOpenAIRequestBody';
import { parseOpenAIStreamBatches } from './openaiStream';
import { batchedClient } from '../eventBatches';
import { parseOpenAIResponse } from './parseOpenAIResponse';
import { sendOpenAIRequest } from './sendOpenAIRequest';
import { ThoughtSignatureMemory } from './thoughtSignatureMemory';
import type { WireDialect } from './wireDialect';
import type { ModelListFacts } from '../descriptor';
import { listCompatibleModels } from './listCompatibleModels';

export interface OpenAICompatibleOptions {
  slotId: string;
  /** Resolved per request (fresh tokens): base URL (no trailing slash) and auth/extra headers. */
  resolveEndpoint(signal?: AbortSignal): Promise<{ baseUrl: string; headers: Record<string, string> }>;
  chatPath: string; // appended to baseUrl, e.g. '/chat/completions'
  modelsPath?: string; // default '/models'
  /** How the service lists models (its registry row); absent: GET modelsPath, OpenAI's shape. */
  modelList?: ModelListFacts;
  defaultModel: string;
  supportsStreamOptions?: boolean; // default true; false omits stream_options whatever the dialect says
  /** The service's wire dialect (wireDialect.ts); a custom endpoint's when absent. */
  dialect?: WireDialect;
  http: HttpClient;
  logger: Logger;
  timeouts?: HttpTimeouts;
  /** On a 401, called once; resolve true to retry once with a freshly resolved endpoint (token refresh). */
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
  /** Last chance to adjust the JSON body (e.g. max_completion_tokens for reasoning models). */
  transformBody?(body: Record<string, unknown>, request: ChatRequest): Record<string, unknown>;
}

/** A whole (non-streamed) result as the events a stream would have produced. */
function eventsOfResult(result: ChatResult): ChatEvent[] {
  const events: ChatEvent[] = [];
  if (result.reasoning) events.push({ type: 'reasoning-delta', text: result.reasoning });
  if (result.text) events.push({ type: 'text-delta', text: result.text });
  for (const call of result.toolCalls) events.push({ type: 'tool-call', ...call });
  if (Object.keys(result.usage).length > 0) events.push({ type: 'usage', ...result.usage });
  events.push({
    type: 'finish',
    reason: result.finishReason,
    ...(result.rawFinishReason ? { rawReason: result.rawFinishReason } : {}),
  });
  return events;
}

/**
 * One client for every Chat Completions service (OpenAI, the registry's compatible vendors, Copilot, Qwen):
 * vendors differ only in the options. Holds no per-request state.
 */
export function createOpenAICompatibleClient(options: OpenAICompatibleOptions): ProviderClient {
  const provider = options.slotId;
  // Only where the service needs signatures back (Gemini): callers like VS Code drop them from history.
  const signatures = options.dialect?.thoughtSignatures ? new ThoughtSignatureMemory() : undefined;

  function body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    const filled = signatures ? { ...request, messages: signatures.fill(request.messages) } : request;
    const built = buildOpenAIRequestBody(filled, {
      model: request.model ?? options.defaultModel,
      stream,
      dialect: options.dialect,
      supportsStreamOptions: options.supportsStreamOptions,
      onOmitted: (why) => options.logger.info('%s', why),
    });
    return options.transformBody ? options.transformBody(built, request) : built;
  }

  async function* remembered(batches: AsyncIterable<ChatEvent[]>): AsyncGenerator<ChatEvent[]> {
    for await (const batch of batches) {
      if (signatures) for (const event of batch) signatures.remember(event);
      yield batch;
    }
  }

  return batchedClient({
    slotId: provider,

    async *streamChatBatches(request: ChatRequest, requestOptions: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
      const { response, secrets } = await sendOpenAIRequest(options, {
        method: 'POST',
        path: options.chatPath,
        body: body(request, true),
        accept: 'text/event-stream',
        signal: requestOptions.signal,
      });
      try {
        if (/\bjson\b/i.test(response.headers.get('content-type') ?? '')) {
          // Some servers ignore `stream: true` and answer one JSON body (or a JSON error with status 200).
          yield eventsOfResult(parseOpenAIResponse(await response.json(), provider));
        } else {
          const batches = parseOpenAIStreamBatches(readSseBatches(response.body, provider), provider);
          yield* signatures ? remembered(batches) : batches;
        }
      } catch (error) {
        throw withoutSecrets(error, secrets);
      } finally {
        response.close();
      }
    },

    async send(request: ChatRequest, requestOptions: RequestOptions = {}): Promise<ChatResult> {
      const { response, secrets } = await sendOpenAIRequest(options, {
        method: 'POST',
        path: options.chatPath,
        body: body(request, false),
        accept: 'application/json',
        signal: requestOptions.signal,
      });
      try {
        return parseOpenAIResponse(await response.json(), provider);
      } catch (error) {
        throw withoutSecrets(error, secrets);
      }
    },

    async listModels(requestOptions: RequestOptions = {}): Promise<ModelInfo[]> {
      return listCompatibleModels(
        options,
        options.modelList,
        options.modelsPath ?? '/models',
        options.defaultModel,
        requestOptions.signal,
      );
    },
  });
}
