import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../support/config';
import { slotSpendText } from '../../../../src/host/slotText/slotSpendText';
import { SpendBook } from '../../../../src/usage/spendBook';
import { MemoryUsageStore } from '../../../../src/usage/usageStore';

describe("a slot's usage and budget in the Slots tree and /status", () => {
  it('says nothing before the first request, then today\'s tokens and cost, then "budget reached" with how to raise it', async () => {
    const parsed = parseConfig(
      '[providers.anthropic]\nprice = { input = 3, output = 15 }\ndaily_budget_tokens = 20000\n',
      '/u/skynet.toml',
      {},
    );
    assert.ok(parsed.ok);
    const now = () => new Date(2026, 11, 5, 15).getTime();
    const spend = new SpendBook({ store: new MemoryUsageStore(now), config: parsed.config, now });
    const slot = parsed.config.slots[0];
    assert.deepEqual(slotSpendText(undefined, slot), {});
    assert.deepEqual(slotSpendText(spend, slot), {});
    await spend.record(slot, slot.model, { inputTokens: 12_000, outputTokens: 400 });
    assert.deepEqual(slotSpendText(spend, slot), {
      short: '12k tokens · $0.0420 today',
      today: 'Today: 1 request · 12,000 in · 400 out · $0.0420',
    });
    await spend.record(slot, slot.model, undefined);
    await spend.record(slot, slot.model, { inputTokens: 9_000, outputTokens: 100 });
    const reached = slotSpendText(spend, slot);
    assert.equal(reached.today, 'Today: 3 requests · 21,000 in · 500 out · $0.0705 + 1 without a price');
    assert.match(
      reached.budgetReached ?? '',
      /^budget reached \(daily_budget_tokens of anthropic: 21,500 tokens of 20,000 tokens today; resets at local midnight; raise daily_budget_tokens at \/u\/skynet\.toml:1\)$/,
    );
  });
});
