import type { SlotConfig } from '../config/types';
import { resolveReasoning } from '../config/reasoning';
import type { ChatRequest, ProviderClient, RequestOptions } from '../providers/types';
import { batchedClient, chatEventBatches } from '../providers/eventBatches';

/** The request one slot is sent: the slot's skynet.toml `reasoning` fills in when the request has no choice of its own. */
export function applySlotDefaults(request: ChatRequest, slot: SlotConfig): ChatRequest {
  const reasoning = resolveReasoning(request.reasoning, slot.reasoning);
  if (reasoning === request.reasoning) return request;
  const { reasoning: _requested, ...rest } = request;
  return reasoning ? { ...rest, reasoning } : rest;
}

/**
 * A slot's client that applies the slot's defaults to every request (see `resolveReasoning` for the order).
 * Wrapping the client, not the router's loop, means each slot of a failover gets its own default, and a pinned
 * slot or a direct caller of `slot.client` gets the same.
 */
export function withSlotDefaults(client: ProviderClient, slot: SlotConfig): ProviderClient {
  return batchedClient({
    slotId: client.slotId,
    streamChatBatches: (request: ChatRequest, options?: RequestOptions) =>
      chatEventBatches(client, applySlotDefaults(request, slot), options),
    send: (request: ChatRequest, options?: RequestOptions) => client.send(applySlotDefaults(request, slot), options),
    listModels: (options?: RequestOptions) => client.listModels(options),
  });
}
