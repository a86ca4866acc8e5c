import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS, type SlotConfig } from '../../../src/config/types';
import { modelCapabilities } from '../../../src/providers/modelCapabilities';
import type { ChatRequest } from '../../../src/providers/types';
import { ProviderRouter } from '../../../src/router/router';
import { AllSlotsFailedError } from '../../../src/router/routerError';
import type { RoutedEvent, RouterSlot } from '../../../src/router/types';
import { ScriptedClient, answer, failure, slotConfig } from '../../fakes/scriptedClient';

function slot(
  id: string,
  model: string,
  extra: Partial<SlotConfig> = {},
): { client: ScriptedClient; slot: RouterSlot } {
  const client = new ScriptedClient(id, answer(`from ${id}`));
  return { client, slot: { config: { ...slotConfig(id), model, ...extra } as SlotConfig, client } };
}

const router = (slots: RouterSlot[]) => new ProviderRouter(slots, { settings: DEFAULT_ROUTER_SETTINGS });

async function drain(events: AsyncIterable<RoutedEvent>): Promise<RoutedEvent[]> {
  const seen: RoutedEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

const text = (characters: number): ChatRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text: 'x'.repeat(characters) }] }],
});
const withTools: ChatRequest = { ...text(10), tools: [{ name: 'read', inputSchema: { type: 'object' } }] };
const withImage: ChatRequest = {
  messages: [{ role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' }] }],
};
const skips = (events: RoutedEvent[]) =>
  events.flatMap((event) => (event.type === 'slot-skipped' ? [[event.slot, event.code]] : []));
const answeredBy = (events: RoutedEvent[]) =>
  (events.find((event) => event.type === 'finish') as { slot: string }).slot;

describe('capability-aware routing', () => {
  it('a request with tools skips Perplexity (its service refuses tools) and says why', async () => {
    const perplexity = slot('perplexity', 'sonar-pro', { registryId: 'perplexity' } as Partial<SlotConfig>);
    const groq = slot('groq', 'openai/gpt-oss-120b', { registryId: 'groq' } as Partial<SlotConfig>);
    const events = await drain(router([perplexity.slot, groq.slot]).streamChat(withTools));
    assert.deepEqual(skips(events), [['perplexity', 'no-tools']]);
    assert.equal(perplexity.client.calls, 0);
    assert.equal(answeredBy(events), 'groq');
    const plain = await drain(router([perplexity.slot, groq.slot]).streamChat(text(10)));
    assert.equal(answeredBy(plain), 'perplexity', 'without tools Perplexity answers');
  });

  it('a request with an image skips a model known to take no images', async () => {
    const deepseek = slot('deepseek', 'deepseek-chat');
    const claude = slot('claude', 'claude-sonnet-4-5');
    const events = await drain(router([deepseek.slot, claude.slot]).streamChat(withImage));
    assert.deepEqual(skips(events), [['deepseek', 'no-images']]);
    assert.equal(answeredBy(events), 'claude');
  });

  it('a prompt larger than a known window skips that slot; an unknown model is asked (the service decides)', async () => {
    const small = slot('small', 'llama-3.3-70b-versatile'); // 128k
    const local = slot('local', 'my-finetune'); // unknown
    const events = await drain(router([small.slot, local.slot]).streamChat(text(4 * 130_000)));
    assert.deepEqual(skips(events), [['small', 'context-too-small']]);
    assert.equal(answeredBy(events), 'local');
  });

  it('a context_length_exceeded answer fails over to a slot with a larger window, passing over ones no larger', async () => {
    const first = slot('first', 'deepseek-chat'); // 128k, says too long
    const same = slot('same', 'mistral-large-latest'); // 128k: no larger
    const large = slot('large', 'gemini-2.5-pro'); // 1M
    const refusing = new ScriptedClient('first', [failure('first', 'context-length', 400)]);
    first.slot.client = refusing;
    const events = await drain(router([first.slot, same.slot, large.slot]).streamChat(text(400)));
    assert.deepEqual(events[0], {
      type: 'failover',
      from: 'first',
      kind: 'context-length',
      message: 'context-length (HTTP 400)',
      status: 400,
    });
    assert.deepEqual(skips(events), [['same', 'context-too-small']]);
    assert.equal(same.client.calls, 0);
    assert.equal(answeredBy(events), 'large');
  });

  it('when no slot can take the request, the error lists each slot and why', async () => {
    const perplexity = slot('perplexity', 'sonar-pro', { registryId: 'perplexity' } as Partial<SlotConfig>);
    await assert.rejects(drain(router([perplexity.slot]).streamChat(withTools)), (error: unknown) => {
      assert.ok(error instanceof AllSlotsFailedError);
      assert.match(error.message, /perplexity.*takes no tools/);
      return true;
    });
  });

  it('a pinned slot is asked whatever it can do (the caller chose it)', async () => {
    const perplexity = slot('perplexity', 'sonar-pro', { registryId: 'perplexity' } as Partial<SlotConfig>);
    const events = await drain(router([perplexity.slot]).streamChat(withTools, { slotId: 'perplexity' }));
    assert.equal(answeredBy(events), 'perplexity');
  });

  it("modelCapabilities: the catalog for the slot's provider, else for the model's maker, else the model family; then what the service refuses", () => {
    const openai = { ...slotConfig('o'), kind: 'openai' } as unknown as SlotConfig;
    // The catalog snapshot (models.dev): OpenAI caps gpt-5's input at 272k of its 400k window; that is what a request must fit.
    assert.deepEqual(modelCapabilities(openai, 'gpt-5'), {
      contextWindow: 272_000,
      maxOutputTokens: 128_000,
      imageInput: true,
      toolCalling: true,
      reasoning: true,
    });
    // A custom endpoint serving a known model: its maker's entry (the bare id, a vendor prefix dropped).
    assert.deepEqual(modelCapabilities(slotConfig('x'), 'openai/gpt-4o'), {
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      imageInput: true,
      toolCalling: true,
      reasoning: false,
    });
    // Newer than the snapshot: the hand-written family.
    assert.deepEqual(modelCapabilities(slotConfig('x'), 'claude-sonnet-5-5'), {
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      imageInput: true,
      toolCalling: true,
    });
    assert.deepEqual(modelCapabilities(slotConfig('x'), 'some-local-model'), {});
    assert.equal(
      modelCapabilities({ ...slotConfig('p'), registryId: 'perplexity' } as SlotConfig, 'sonar-pro').toolCalling,
      false,
    );
  });
});
