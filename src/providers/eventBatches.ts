import type { ChatEvent, ChatRequest, ProviderClient, RequestOptions } from './types';

/**
 * Streams travel as batches: every event one network read completed, in one array (never empty), so each layer
 * (parser, client, wrappers, router, consumer) takes one async step per read instead of one per event. The events
 * and their order are exactly those of `streamChat`; only how many arrive per step differs.
 */
export type ChatEventBatch = readonly ChatEvent[];

/** A sync parser driven over batches: `take` one input (true: the stream is complete), `end` after the last. */
export interface BatchParser<In, Out> {
  take(item: In, out: Out[]): boolean;
  end(out: Out[]): void;
}

/**
 * Runs `parser` over `input`, handing on what each input batch produced as one array. Events produced before a
 * failure are handed on before it is thrown, so a partial answer is kept exactly as when events went one by one.
 */
export async function* parseBatches<In, Out>(
  input: AsyncIterable<readonly In[]>,
  parser: BatchParser<In, Out>,
): AsyncGenerator<Out[]> {
  let out: Out[] = [];
  try {
    read: for await (const batch of input) {
      for (const item of batch) if (parser.take(item, out)) break read;
      if (out.length > 0) {
        yield out;
        out = [];
      }
    }
    parser.end(out);
  } catch (error) {
    if (out.length > 0) yield out;
    throw error;
  }
  if (out.length > 0) yield out;
}

/** One event at a time, for callers that want single events. */
export async function* flattenBatches<T>(batches: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** Each event of a one-at-a-time stream as its own batch (clients without `streamChatBatches`, e.g. test fakes). */
async function* singleEventBatches<T>(events: AsyncIterable<T>): AsyncGenerator<readonly T[]> {
  for await (const event of events) yield [event];
}

/** A client's stream as batches: its own when it has them, else one event per batch. */
export function chatEventBatches(
  client: ProviderClient,
  request: ChatRequest,
  options?: RequestOptions,
): AsyncIterable<ChatEventBatch> {
  return client.streamChatBatches
    ? client.streamChatBatches(request, options)
    : singleEventBatches(client.streamChat(request, options));
}

/** A client whose stream is its batches: `streamChat` is derived from `streamChatBatches`, so the two cannot differ. */
export function batchedClient<
  C extends Omit<ProviderClient, 'streamChat'> & Pick<Required<ProviderClient>, 'streamChatBatches'>,
>(client: C): C & ProviderClient {
  return {
    ...client,
    streamChat: (request: ChatRequest, options?: RequestOptions) =>
      flattenBatches(client.streamChatBatches(request, options)),
  };
}
