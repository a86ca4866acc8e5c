import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SkynetConfig } from '../../../src/config/types';
import { buildRouter } from '../../../src/router/buildRouter';
import type { ProviderRouter } from '../../../src/router/router';
import type { RoutedEvent } from '../../../src/router/types';
import { ProviderError } from '../../../src/util/errors';
import { SpendBook, type BudgetWarning } from '../../../src/usage/spendBook';
import { UsageFileStore } from '../../../src/usage/usageStore';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { fastHttpClient, providerDeps } from '../../fakes/providerHarness';
import { HELLO } from '../providers/openaiCompatible/openaiTestKit';
import { AWS_ENV, routeUsageFakes, usageConfig, type Usage } from './usageFakes';

const http = fastHttpClient();
/** 10:00 local time on 5 December 2026, and the clock tests move. */
const MORNING = new Date(2026, 11, 5, 10, 0).getTime();

async function route(router: ProviderRouter, slotId?: string): Promise<RoutedEvent[]> {
  const events: RoutedEvent[] = [];
  for await (const event of router.streamChat(HELLO, slotId ? { slotId } : {})) events.push(event);
  return events;
}

const answeredBy = (events: RoutedEvent[]) =>
  events.find((event): event is Extract<RoutedEvent, { type: 'finish' }> => event.type === 'finish')?.slot;

describe("usage per slot per day, from each wire's own usage fields, kept across a restart", () => {
  let server: FakeServer;
  let folder: string;
  let clock: number;
  const reported: Record<string, Usage> = {
    openai: { type: 'usage', inputTokens: 1200, outputTokens: 340, cacheReadTokens: 1000 },
    anthropic: { type: 'usage', inputTokens: 2100, outputTokens: 450, cacheReadTokens: 4000, cacheWriteTokens: 600 },
    ollama: { type: 'usage', inputTokens: 77, outputTokens: 31 },
    bedrock: { type: 'usage', inputTokens: 910, outputTokens: 120 },
    gemini: { type: 'usage', inputTokens: 333, outputTokens: 95, reasoningTokens: 40 },
  };

  beforeEach(async () => {
    server = await startFakeServer();
    routeUsageFakes(server, {
      openai: () => reported.openai,
      anthropic: () => reported.anthropic,
      ollama: () => reported.ollama,
      bedrock: () => reported.bedrock,
      gemini: () => reported.gemini,
    });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-usage-'));
    clock = MORNING;
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  after(() => http.close());

  function open(config: SkynetConfig): {
    spend: SpendBook;
    router: Promise<ProviderRouter>;
    warnings: BudgetWarning[];
  } {
    const spend = new SpendBook({
      store: new UsageFileStore(path.join(folder, 'usage.json'), { now: () => clock }),
      config,
      now: () => clock,
    });
    const warnings: BudgetWarning[] = [];
    spend.onWarning((warning) => warnings.push(warning));
    return {
      spend,
      warnings,
      router: buildRouter(config, providerDeps(http, { env: AWS_ENV, now: () => clock }), { spend }),
    };
  }

  it('counts input, output, cache read/write tokens and requests per slot, costs the priced ones, and a new process reads them back', async () => {
    const config = usageConfig(server.url, {
      anthropic: 'price = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }',
      // Priced, but not for cached tokens, which this request used: its cost is unknown, never guessed.
      openai: 'price = { input = 1.25, output = 10 }',
      bedrock: 'price = { input = 3, output = 15 }',
    });
    const first = open(config);
    const router = await first.router;
    for (const slot of ['anthropic', 'chat', 'gem', 'bedrock', 'ollama']) {
      const events = await route(router, slot);
      assert.equal(answeredBy(events), slot, JSON.stringify(events));
    }
    await route(router, 'anthropic');
    await first.spend.flush();

    // A restart: a new store and book over the same file.
    const again = open(config).spend;
    const today = (slot: string) => again.today(slot);
    assert.deepEqual(today('anthropic'), {
      requests: 2,
      // Anthropic's input_tokens leave out the cache; the counts hold every prompt token.
      inputTokens: 2 * (2100 + 4000 + 600),
      outputTokens: 2 * 450,
      cacheReadTokens: 2 * 4000,
      cacheWriteTokens: 2 * 600,
      costUsd: today('anthropic').costUsd,
      unpricedRequests: 0,
    });
    assert.ok(
      Math.abs(today('anthropic').costUsd - (2 * (2100 * 3 + 4000 * 0.3 + 600 * 3.75 + 450 * 15)) / 1e6) < 1e-12,
    );
    assert.deepEqual(today('chat'), {
      requests: 1,
      inputTokens: 1200,
      outputTokens: 340,
      cacheReadTokens: 1000,
      cacheWriteTokens: 0,
      costUsd: 0,
      unpricedRequests: 1,
    });
    assert.deepEqual(today('gem'), {
      requests: 1,
      inputTokens: 333,
      outputTokens: 95,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      unpricedRequests: 1,
    });
    assert.equal(today('bedrock').inputTokens, 910);
    assert.ok(Math.abs(today('bedrock').costUsd - (910 * 3 + 120 * 15) / 1e6) < 1e-12);
    // A local Ollama bills nothing: its cost is known, and zero.
    assert.deepEqual(today('ollama'), {
      requests: 1,
      inputTokens: 77,
      outputTokens: 31,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      costUsd: 0,
      unpricedRequests: 0,
    });
    // The next day starts at zero; yesterday is still on file.
    clock += 24 * 3_600_000;
    assert.equal(again.today('anthropic').requests, 0);
    assert.equal(Object.keys(again.snapshot().days).length, 1);
  });

  it('a daily budget crossed mid-day moves the next request to the next slot, warns once at 80 %, and resets at local midnight', async () => {
    // 2100 + 4000 + 600 input, 450 output at these prices: $0.0165 a request, over a $0.015 budget after one.
    const config = usageConfig(server.url, {
      anthropic: 'price = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }\ndaily_budget_usd = 0.015',
    });
    const { spend, router: building, warnings } = open(config);
    const router = await building;
    assert.equal(answeredBy(await route(router)), 'anthropic');
    await spend.flush();
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0].message,
      /daily_budget_usd of anthropic: \$0\.0165 of \$0\.0150 today\); requests now go to the next slot/,
    );

    const next = await route(router);
    const skipped = next.find((event) => event.type === 'slot-skipped');
    assert.deepEqual(skipped && { ...skipped, message: skipped.message.slice(0, 15) }, {
      type: 'slot-skipped',
      slot: 'anthropic',
      code: 'budget-reached',
      message: 'budget reached ',
    });
    assert.match(
      (skipped as { message: string }).message,
      /daily_budget_usd.*resets at local midnight; raise daily_budget_usd at \/work\/skynet\.toml:2/,
    );
    assert.equal(answeredBy(next), 'chat');
    assert.equal(server.requests.filter((request) => request.url === '/v1/messages').length, 1);
    await spend.flush();
    assert.equal(warnings.length, 1, 'warned once per period');

    clock = new Date(2026, 11, 6, 0, 1).getTime();
    assert.equal(answeredBy(await route(router)), 'anthropic');
  });

  it('every slot past a budget: one error naming each budget and how to raise it, until the period resets', async () => {
    const config = usageConfig(server.url, {}, '[budget]\nmonthly_budget_tokens = 1000\ndaily_budget_usd = 5\n');
    const { spend, router: building } = open(config);
    const router = await building;
    assert.equal(answeredBy(await route(router)), 'anthropic');
    await spend.flush();
    // The token budget holds for every slot, the local one too.
    const error = await route(router).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.code, 'budget-reached');
    assert.match(
      error.message,
      /^No slot is left within its spend budget\. anthropic: budget reached \(monthly_budget_tokens of all slots \(\[budget\]\): 7,150 tokens of 1,000 tokens this month; resets on the 1st \(local time\); raise monthly_budget_tokens at \[budget\] in \/work\/skynet\.toml\)/,
    );
    assert.match(error.message, /ollama: budget reached/);
    assert.match(error.message, /Raise a budget in skynet\.toml, or wait for it to reset\.$/);
    // A new month: every slot is back.
    clock = new Date(2027, 0, 1, 9, 0).getTime();
    assert.equal(answeredBy(await route(router)), 'anthropic');
  });

  it('a USD budget over all slots skips the paid slots and leaves the local one serving', async () => {
    const config = usageConfig(
      server.url,
      { anthropic: 'price = { input = 3, output = 15, cache_read = 0.3, cache_write = 3.75 }' },
      '[budget]\ndaily_budget_usd = 0.01\n',
    );
    const { spend, router: building } = open(config);
    const router = await building;
    assert.equal(answeredBy(await route(router)), 'anthropic');
    await spend.flush();
    const next = await route(router);
    assert.deepEqual(
      next.filter((event) => event.type === 'slot-skipped').map((event) => (event as { slot: string }).slot),
      ['anthropic', 'chat', 'gem', 'bedrock'],
    );
    assert.equal(answeredBy(next), 'ollama');
  });
});
