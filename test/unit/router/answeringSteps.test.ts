import * as assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../src/config/types';
import { batchedClient } from '../../../src/providers/eventBatches';
import type { ChatEvent, ChatRequest, ProviderClient } from '../../../src/providers/types';
import { KeyRing } from '../../../src/router/keyRing';
import { ProviderRouter } from '../../../src/router/router';
import type { RoutedEvent, RouterSlot } from '../../../src/router/types';
import { guardClient, OriginApprovals } from '../../../src/trust/originGuard';
import { meteredClient } from '../../../src/usage/meteredClient';
import type { SpendBook } from '../../../src/usage/spendBook';

const request: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] };
const config = {
  kind: 'ollama',
  id: 's',
  displayName: 's',
  model: 'm',
  baseUrl: 'https://ollama.example.com',
  source: { file: 'skynet.toml', line: 1, column: 1 },
} as SlotConfig;

/** A client whose stream is `batches` one-event batches, then finish and usage, as a provider client hands them on. */
function client(batches: number): ProviderClient {
  return batchedClient({
    slotId: 's',
    async *streamChatBatches(): AsyncGenerator<ChatEvent[]> {
      for (let index = 0; index < batches; index++) yield [{ type: 'text-delta', text: 'x' }];
      yield [{ type: 'finish', reason: 'stop' }];
      yield [{ type: 'usage', inputTokens: 3, outputTokens: batches }];
    },
    send: () => Promise.reject(new Error('unused')),
    listModels: () => Promise.resolve([]),
  });
}

/** Promises created while one whole answer is read through `stream`, and what it said. */
async function promisesWhileReading(stream: AsyncIterable<readonly RoutedEvent[]>): Promise<[number, RoutedEvent[]]> {
  let created = 0;
  const events: RoutedEvent[] = [];
  const hook = createHook({ init: (_id, type) => void (type === 'PROMISE' && created++) });
  hook.enable();
  try {
    for await (const batch of stream) events.push(...batch);
  } finally {
    hook.disable();
  }
  return [created, events];
}

/** Promises per batch of the answering phase: the difference between a long and a short answer, per batch. */
async function stepsPerBatch(route: (batches: number) => AsyncIterable<readonly RoutedEvent[]>): Promise<number> {
  await promisesWhileReading(route(20)); // the first read also makes what is made once (lazy setup)
  const [short] = await promisesWhileReading(route(20));
  const [long] = await promisesWhileReading(route(120));
  return (long - short) / 100;
}

describe('answering phase: one step per batch through the router, however many layers the slot has', () => {
  it('router + key ring + usage meter + origin guard take as many promises per batch as the bare router', async () => {
    const bare = (batches: number) =>
      new ProviderRouter([{ config, client: client(batches) }], { settings: DEFAULT_ROUTER_SETTINGS }).streamBatches(
        request,
      );
    const recorded: Array<number | undefined> = [];
    const book = {
      record: async (_slot: unknown, _model: string, usage?: { outputTokens?: number }) => {
        recorded.push(usage?.outputTokens);
      },
    } as unknown as SpendBook;
    const approvals = new OriginApprovals(new MemoryCredentialStore(), async () => true);
    const exposure = { secretId: 'key', secretLabel: 'your key', origins: ['https://ollama.example.com'] };
    const layered = (batches: number) => {
      const key = () => ({
        client: guardClient(meteredClient(client(batches), config, book), exposure, approvals),
        hint: '…',
        origin: 'file' as const,
      });
      const ring = new KeyRing('s', [key(), key()], DEFAULT_ROUTER_SETTINGS, Date.now);
      const slot: RouterSlot = { config, client: ring.asClient(), keys: ring };
      return new ProviderRouter([slot], { settings: DEFAULT_ROUTER_SETTINGS }).streamBatches(request);
    };

    const [bareSteps, layeredSteps] = [await stepsPerBatch(bare), await stepsPerBatch(layered)];
    assert.ok(bareSteps > 0);
    assert.equal(layeredSteps, bareSteps);

    // The folded layers still did their work: usage counted once per answer, finish tagged with the slot.
    recorded.length = 0;
    const [, events] = await promisesWhileReading(layered(3));
    assert.deepEqual(recorded, [3]);
    assert.deepEqual(
      events.filter((event) => event.type === 'finish'),
      [{ type: 'finish', reason: 'stop', slot: 's' }],
    );
    assert.equal(events.filter((event) => event.type === 'text-delta').length, 3);
  });
});
