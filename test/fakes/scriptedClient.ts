import type { SlotConfig } from '../../src/config/types';
import type { ChatEvent, ChatRequest, ProviderClient, RequestOptions } from '../../src/providers/types';
import { collectChat } from '../../src/providers/collect';
import { ProviderError, cancelledError, type ProviderErrorKind } from '../../src/util/errors';
import type { RouterSlot } from '../../src/router/types';

export type ScriptStep = ChatEvent | ProviderError | { wait: 'abort' };

/** A ProviderClient that plays a script: events, then optionally an error, or waits for the abort signal. */
export class ScriptedClient implements ProviderClient {
  calls = 0;
  requests: ChatRequest[] = [];
  constructor(
    readonly slotId: string,
    private readonly script: ScriptStep[],
  ) {}

  async *streamChat(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent> {
    this.calls++;
    this.requests.push(request);
    for (const step of this.script) {
      await Promise.resolve();
      if (options.signal?.aborted) throw cancelledError(this.slotId);
      if (step instanceof ProviderError) throw step;
      if ('wait' in step) {
        await new Promise<void>((_, reject) => {
          options.signal?.addEventListener('abort', () => reject(cancelledError(this.slotId)), { once: true });
        });
        continue;
      }
      yield step;
    }
  }

  send(request: ChatRequest, options?: RequestOptions) {
    return collectChat(this.streamChat(request, options));
  }

  async listModels() {
    return [{ id: 'scripted' }];
  }
}

export function failure(
  slotId: string,
  kind: ProviderErrorKind,
  status?: number,
  retryAfterMs?: number,
): ProviderError {
  return new ProviderError({
    kind,
    slot: slotId,
    status,
    retryAfterMs,
    message: `${kind}${status ? ` (HTTP ${status})` : ''}`,
  });
}

export function answer(text: string): ChatEvent[] {
  return [
    { type: 'text-delta', text },
    { type: 'usage', inputTokens: 3, outputTokens: 1 },
    { type: 'finish', reason: 'stop', rawReason: 'stop' },
  ];
}

export function slotConfig(id: string): SlotConfig {
  return {
    id,
    kind: 'openai-compat',
    displayName: id,
    model: `${id}-model`,
    baseUrl: 'http://127.0.0.1:9',
    source: { file: 'skynet.toml', line: 1, column: 1 },
    apiKey: { type: 'store' },
    chatPath: '/chat/completions',
    freeTier: false,
    local: false,
    supportsStreamOptions: true,
  };
}

export function routerSlot(client: ScriptedClient): RouterSlot {
  return { config: slotConfig(client.slotId), client };
}
