import * as assert from 'node:assert/strict';
import { parseConfig } from '../../support/config';
import { withUserBudgets } from '../../../src/usage/userBudgets';

function errors(text: string): string[] {
  const result = parseConfig(text, 'skynet.toml', {});
  return result.ok ? [] : result.errors.map((error) => `${error.line}:${error.column} ${error.message}`);
}

describe('skynet.toml: price and budgets', () => {
  it("reads a slot's price and budgets and the [budget] table", () => {
    const result = parseConfig(
      '[budget]\ndaily_budget_usd = 5\nmonthly_budget_tokens = 2000000\n\n[providers.anthropic]\nprice = { input = 3, output = 15, cache_read = 0.3 }\nmonthly_budget_usd = 40.5\n',
      'skynet.toml',
      {},
    );
    assert.ok(result.ok);
    assert.deepEqual(result.config.budget, { dailyBudgetUsd: 5, monthlyBudgetTokens: 2_000_000 });
    assert.deepEqual(result.config.slots[0].price, { input: 3, output: 15, cacheRead: 0.3 });
    assert.equal(result.config.slots[0].monthlyBudgetUsd, 40.5);
  });

  it('refuses what is not a price or a budget, at its line and column, with the fix', () => {
    assert.deepEqual(errors('[providers.anthropic]\nprice = { input = 3 }\n'), [
      '2:1 `providers.anthropic.price` needs `output` (USD per million output tokens)',
    ]);
    assert.deepEqual(errors('[providers.anthropic]\nprice = { input = 3, output = -1 }\n'), [
      '2:1 `providers.anthropic.price.output` must be a number of USD per million tokens, 0 or more, not -1',
    ]);
    assert.deepEqual(errors('[providers.anthropic]\nprice = { input = 3, output = 1, cached = 1 }\n'), [
      '2:1 Unknown key `cached` in `providers.anthropic.price`; a price has input, output, cache_read and cache_write',
    ]);
    assert.deepEqual(errors('[budget]\ndaily_budget_usd = "5"\n'), [
      '2:1 `budget.daily_budget_usd` must be a number of US dollars above 0 (e.g. 5 or 2.5), not a string; write it without quotes',
    ]);
    assert.deepEqual(errors('[[providers.openai_compat]]\nid = "groq"\ndaily_budget_tokens = 1.5\n'), [
      '3:1 `daily_budget_tokens` of the 1st [[providers.openai_compat]] entry must be a whole number of tokens above 0 (e.g. 2000000), not 1.5',
    ]);
  });

  it("another file cannot raise or remove the budgets of the user's own ~/.skynet/skynet.toml, only lower them", () => {
    const user = parseConfig(
      '[budget]\ndaily_budget_usd = 5\n[providers.anthropic]\nmonthly_budget_usd = 20\n',
      '/home/u/.skynet/skynet.toml',
      {},
    );
    const repository = parseConfig(
      '[budget]\ndaily_budget_usd = 500\nmonthly_budget_tokens = 9\n[providers.anthropic]\nmonthly_budget_usd = 10\n[providers.openai]\ndaily_budget_usd = 1000\n',
      '/repo/skynet.toml',
      {},
    );
    assert.ok(user.ok && repository.ok);
    const layered = withUserBudgets(repository.config, user.config);
    assert.deepEqual(layered.budget, { dailyBudgetUsd: 5, monthlyBudgetTokens: 9 });
    assert.equal(layered.slots[0].monthlyBudgetUsd, 10);
    assert.equal(layered.slots[1].dailyBudgetUsd, 1000, "a slot the user set no budget for keeps the file's");
    const silent = parseConfig('[providers.anthropic]\n', '/repo/skynet.toml', {});
    assert.ok(silent.ok);
    assert.equal(withUserBudgets(silent.config, user.config).slots[0].monthlyBudgetUsd, 20);
  });
});
