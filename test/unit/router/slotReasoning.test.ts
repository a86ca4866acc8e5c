import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import type { SkynetConfig, SlotConfig } from '../../../src/config/types';
import { resolveReasoning } from '../../../src/config/reasoning';
import type { ChatRequest } from '../../../src/providers/types';
import { buildRouter } from '../../../src/router/buildRouter';
import { applySlotDefaults } from '../../../src/router/slotDefaults';
import type { RoutedEvent } from '../../../src/router/types';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { replaySse, replyError, sseFromPayloads } from '../../fakes/wire';

const prompt: ChatRequest = { messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }] }] };
const slot = (reasoning?: SlotConfig['reasoning']): SlotConfig =>
  ({
    id: 's',
    kind: 'ollama',
    displayName: 'S',
    model: 'm',
    baseUrl: 'http://x',
    source: { file: 'f', line: 1, column: 1 },
    ...(reasoning ? { reasoning } : {}),
  }) as SlotConfig;

describe('reasoning precedence: request > slot > [agent] > none', () => {
  it("resolveReasoning: the request's choice, an explicit off included, wins over the slot default", () => {
    assert.deepEqual(resolveReasoning({ effort: 'low' }, { effort: 'high' }), { effort: 'low' });
    assert.deepEqual(resolveReasoning({ budgetTokens: 5000 }, undefined), { budgetTokens: 5000 });
    assert.equal(resolveReasoning(false, { effort: 'high' }), undefined);
    assert.deepEqual(resolveReasoning(undefined, { effort: 'high' }), { effort: 'high' });
    assert.equal(resolveReasoning(undefined, undefined), undefined);
  });

  it('applySlotDefaults fills in, keeps, or removes the field, and leaves a request with nothing to change untouched', () => {
    assert.deepEqual(applySlotDefaults(prompt, slot({ budgetTokens: 9000 })), {
      ...prompt,
      reasoning: { budgetTokens: 9000 },
    });
    assert.deepEqual(applySlotDefaults({ ...prompt, reasoning: { effort: 'medium' } }, slot({ budgetTokens: 9000 })), {
      ...prompt,
      reasoning: { effort: 'medium' },
    });
    const off = applySlotDefaults({ ...prompt, reasoning: false }, slot({ effort: 'high' }));
    assert.deepEqual(off, prompt);
    assert.equal('reasoning' in off, false);
    assert.equal(applySlotDefaults(prompt, slot()), prompt);
  });

  it("the slot's own reasoning beats [agent] reasoning, which beats none (parsed, then applied)", () => {
    const parsed = parseConfig(
      '[agent]\nreasoning = "medium"\n\n[providers.anthropic]\nreasoning = "high"\n\n[providers.ollama]\n\n[providers.openai]\nreasoning = "off"\n',
      'skynet.toml',
      {},
    );
    assert.ok(parsed.ok);
    const sent = parsed.config.slots.map((each) => [each.id, applySlotDefaults(prompt, each).reasoning]);
    assert.deepEqual(sent, [
      ['anthropic', { effort: 'high' }],
      ['openai', undefined],
      ['ollama', { effort: 'medium' }],
    ]);
  });
});

/**
 * Four slots with four defaults behind the real router: Anthropic (8000 tokens) is overloaded, Groq ("high") is
 * rate-limited, a custom endpoint ("off") is down, and a second one (no own value: [agent] "low") answers.
 * Each server sees its own slot's field.
 */
describe('failover sends each slot its own skynet.toml reasoning', () => {
  let anthropic: FakeServer;
  let compat: FakeServer;
  const http = fastHttpClient();
  const answer = sseFromPayloads([
    JSON.stringify({ choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }] }),
  ]);

  beforeEach(async () => {
    anthropic = await startFakeServer();
    compat = await startFakeServer();
    anthropic.route('POST', '/v1/messages', (_req, res) =>
      replyError(res, 529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    );
    compat.route('POST', '/chat/completions', (_req, res) =>
      replyError(res, 429, { error: { message: 'Rate limit reached' } }),
    );
    compat.route('POST', '/cheap/v1/chat/completions', (_req, res) =>
      replyError(res, 503, { error: { message: 'unavailable' } }),
    );
    compat.route('POST', '/local/v1/chat/completions', (_req, res) => replaySse(res, answer));
  });
  afterEach(async () => Promise.all([anthropic.close(), compat.close()]));
  after(() => http.close());

  function config(): SkynetConfig {
    const text = `[agent]
reasoning = "low"

[providers.anthropic]
api_key = "sk-ant-test"
base_url = "${anthropic.url}"
model = "claude-sonnet-4-5"
reasoning = 8000

[[providers.openai_compat]]
id = "groq"
api_key = "gsk-test"
base_url = "${compat.url}"
model = "openai/gpt-oss-120b"
reasoning = "high"

[[providers.openai_compat]]
id = "cheap"
api_key = "k"
base_url = "${compat.url}/cheap"
model = "gpt-oss-20b"
reasoning = "off"

[[providers.openai_compat]]
id = "local"
base_url = "${compat.url}/local"
model = "gpt-oss-20b"
`;
    const parsed = parseConfig(text, 'skynet.toml', {});
    if (!parsed.ok) assert.fail(JSON.stringify(parsed.errors));
    return parsed.config;
  }

  /** One request through a fresh router (no cooldowns from the last one); what each server was sent. */
  async function route(request: ChatRequest) {
    const router = await buildRouter(config(), providerDeps(http));
    const events: RoutedEvent[] = [];
    for await (const event of router.streamChat(request)) events.push(event);
    const bodyOf = (server: FakeServer, path: string) =>
      server.requests.filter((recorded) => recorded.url === path).at(-1)?.json as Record<string, unknown>;
    const sent = {
      anthropic: bodyOf(anthropic, '/v1/messages').thinking,
      groq: bodyOf(compat, '/chat/completions').reasoning_effort,
      cheap: bodyOf(compat, '/cheap/v1/chat/completions').reasoning_effort,
      local: bodyOf(compat, '/local/v1/chat/completions').reasoning_effort,
    };
    return { events, sent };
  }

  it('with no choice in the request: 8000 tokens as Anthropic thinking, effort high to Groq, nothing to the "off" slot, [agent] low to the last', async () => {
    const { events, sent } = await route(prompt);
    assert.deepEqual(
      events.flatMap((event) => (event.type === 'failover' ? [event.from] : [])),
      ['anthropic', 'groq', 'cheap'],
    );
    assert.equal((events.find((event) => event.type === 'finish') as { slot: string }).slot, 'local');
    assert.deepEqual(sent, {
      anthropic: { type: 'enabled', budget_tokens: 8000 },
      groq: 'high',
      cheap: undefined,
      local: 'low',
    });
    assert.equal(
      'reasoning_effort' in
        (compat.requests.find((recorded) => recorded.url === '/cheap/v1/chat/completions')!.json as object),
      false,
    );
  });

  it("a request's own reasoning reaches every slot instead of their defaults", async () => {
    const { sent } = await route({ ...prompt, reasoning: { effort: 'medium' } });
    assert.deepEqual(sent, {
      anthropic: { type: 'enabled', budget_tokens: 4096 },
      groq: 'medium',
      cheap: 'medium',
      local: 'medium',
    });
  });

  it('a request that says off (--reasoning off) sends no reasoning to any slot', async () => {
    const { sent } = await route({ ...prompt, reasoning: false });
    assert.deepEqual(sent, { anthropic: undefined, groq: undefined, cheap: undefined, local: undefined });
  });
});
