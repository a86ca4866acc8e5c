import { sseFromPayloads } from '../../fakes/wire';
import type { FinishReason, WireEvent } from './events';

/**
 * Gemini `streamGenerateContent` (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent and
 * https://cloud.google.com/vertex-ai/generative-ai/docs/thinking#signatures, checked 2026-12-05): each chunk is a
 * GenerateContentResponse with `candidates[0].content.parts` — text, `thought:true` text, `functionCall{name,args}`
 * (args whole) — and a `thoughtSignature` on the part after the thinking (an empty text part when nothing follows).
 * The last chunk carries `finishReason` and `usageMetadata` (thoughtsTokenCount apart from candidatesTokenCount).
 * With `?alt=sse` each chunk is one `data:` event without `[DONE]`; without it the body is one JSON array.
 */
const FINISH: Record<FinishReason, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  'tool-calls': 'STOP',
  'content-filter': 'SAFETY',
};

type Part = Record<string, unknown>;

/** `$.a.b[0]`-addressed leaves of a JSON value, as Vertex streams function-call arguments (`partialArgs`). */
function leaves(value: unknown, path = '$'): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, `${path}[${index}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
  return [[path, value]];
}

/** A whole call as Vertex (gemini-3.1, streamFunctionCallArguments) streams it: name, then each leaf in pieces, then an empty call. */
function partialArgParts(name: string, args: unknown): Part[] {
  const parts: Part[] = [{ functionCall: { name, willContinue: true } }];
  for (const [jsonPath, value] of leaves(args)) {
    const piece = (body: Record<string, unknown>) =>
      parts.push({ functionCall: { partialArgs: [{ jsonPath, ...body }], willContinue: true } });
    if (typeof value === 'string') {
      const half = Math.ceil(value.length / 2);
      piece({ stringValue: value.slice(0, half), willContinue: true });
      piece({ stringValue: value.slice(half), willContinue: true });
      piece({ stringValue: '' });
    } else if (typeof value === 'number') piece({ numberValue: value });
    else if (typeof value === 'boolean') piece({ boolValue: value });
    else piece({ nullValue: null });
  }
  parts.push({ functionCall: {} });
  return parts;
}

export function geminiPayloads(events: WireEvent[], options: { model?: string; partialArgs?: boolean } = {}): string[] {
  const meta = { modelVersion: options.model ?? 'gemini-2.5-pro', responseId: 'skynet-writer-1' };
  const chunk = (parts: Part[], extra: Record<string, unknown> = {}) => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
    ...meta,
  });
  const chunks: Array<Record<string, unknown>> = [];
  let signature: string | undefined;
  const part = (body: Part): Part => {
    if (signature === undefined) return body;
    const signed = { ...body, thoughtSignature: signature };
    signature = undefined;
    return signed;
  };
  let finish: FinishReason | undefined;
  let usage: Extract<WireEvent, { type: 'usage' }> | undefined;
  for (const event of events) {
    if (event.type === 'text') chunks.push(chunk([part({ text: event.text })]));
    else if (event.type === 'reasoning') {
      if (event.text) chunks.push(chunk([part({ text: event.text, thought: true })]));
      if (event.signature !== undefined) signature = event.signature;
    } else if (event.type === 'tool-call' && options.partialArgs) {
      const [first, ...rest] = partialArgParts(event.name, JSON.parse(event.arguments.join('')));
      chunks.push(chunk([part(first)]), ...rest.map((body) => chunk([body])));
    } else if (event.type === 'tool-call')
      chunks.push(chunk([part({ functionCall: { name: event.name, args: JSON.parse(event.arguments.join('')) } })]));
    else if (event.type === 'error')
      chunks.push({ error: { code: 503, message: event.message, status: event.code ?? 'UNAVAILABLE' } });
    else if (event.type === 'finish') finish = event.reason;
    else if (event.type === 'usage') usage = event;
  }
  if (finish || usage || signature !== undefined) {
    const last: Record<string, unknown> = chunk([part({ text: '' })], finish ? { finishReason: FINISH[finish] } : {});
    if (usage)
      last.usageMetadata = {
        promptTokenCount: usage.inputTokens,
        candidatesTokenCount: usage.outputTokens - (usage.reasoningTokens ?? 0),
        totalTokenCount: usage.inputTokens + usage.outputTokens,
        ...(usage.reasoningTokens ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
        ...(usage.cacheReadTokens ? { cachedContentTokenCount: usage.cacheReadTokens } : {}),
      };
    chunks.push(last);
  }
  return chunks.map((value) => JSON.stringify(value));
}

/** `?alt=sse`: one `data:` event per chunk, no terminator. */
export function geminiSse(events: WireEvent[], options: { model?: string } = {}): string {
  return sseFromPayloads(geminiPayloads(events, options), { done: false });
}

/** Without `alt=sse`: the chunks as one JSON array. */
export function geminiJsonArray(events: WireEvent[], options: { model?: string } = {}): string {
  return `[${geminiPayloads(events, options).join(',\r\n')}]`;
}

/**
 * A Google API error body (https://cloud.google.com/apis/design/errors#error_model, checked 2026-12-05); with
 * `retryDelay` it carries the QuotaFailure and RetryInfo details a 429 RESOURCE_EXHAUSTED has.
 */
export function googleErrorBody(code: number, status: string, message: string, retryDelay?: string): unknown {
  const details = retryDelay
    ? [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [
            {
              quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
              quotaId: 'GenerateRequestsPerMinutePerProjectPerModel',
            },
          ],
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay },
      ]
    : undefined;
  return { error: { code, message, status, ...(details ? { details } : {}) } };
}
