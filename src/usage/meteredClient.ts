import type { SlotConfig } from '../config/types';
import { batchedClient, chatEventBatches, type ChatEventBatch } from '../providers/eventBatches';
import { PassThrough } from '../providers/passThrough';
import type { ChatRequest, ChatResult, ProviderClient, RequestOptions, Usage } from '../providers/types';
import type { SpendBook } from './spendBook';

/**
 * The slot's client, counting each request that got an answer started (any event from the service) with the
 * usage it reported, in the spend book. A request refused before its first event (429, 401) bills nothing and is
 * not counted; one cut or cancelled midway counts with what it reported.
 */
export function meteredClient(client: ProviderClient, slot: SlotConfig, book: SpendBook): ProviderClient {
  return batchedClient({
    slotId: client.slotId,
    streamChatBatches(request: ChatRequest, options?: RequestOptions): AsyncIterable<ChatEventBatch> {
      let usage: Usage | undefined;
      let answered = false;
      // Counted as the batches pass (no async step of its own), recorded once when the stream ends however it ends.
      return new PassThrough<ChatEventBatch>(chatEventBatches(client, request, options)[Symbol.asyncIterator](), {
        map: (batch) => {
          answered = true;
          for (const event of batch) {
            if (event.type !== 'usage') continue;
            const { type: _type, ...reported } = event;
            usage = { ...usage, ...reported };
          }
          return batch;
        },
        end: () => {
          if (answered) void book.record(slot, request.model ?? slot.model, usage);
        },
      });
    },
    async send(request: ChatRequest, options?: RequestOptions): Promise<ChatResult> {
      const result = await client.send(request, options);
      void book.record(
        slot,
        request.model ?? slot.model,
        Object.keys(result.usage).length > 0 ? result.usage : undefined,
      );
      return result;
    },
    listModels: (options?: RequestOptions) => client.listModels(options),
  });
}
