import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { runCliInProcess, runTrustedCli } from '../../fakes/cliRunner';
import { KEY, routeUsageFakes, type Usage } from '../usage/usageFakes';

describe('skynet usage, and usage and budgets in skynet chat', () => {
  let server: FakeServer;
  let cwd: string;
  const openai: Usage = { type: 'usage', inputTokens: 1500, outputTokens: 500 };
  beforeEach(async () => {
    server = await startFakeServer();
    const same = () => openai;
    routeUsageFakes(server, { openai: same, anthropic: same, ollama: same, bedrock: same, gemini: same });
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-cli-usage-'));
    fs.writeFileSync(
      path.join(cwd, 'skynet.toml'),
      `[[providers.openai_compat]]\nid = "chat"\nbase_url = "${server.url}/v1"\napi_key = "${KEY}"\nmodel = "gpt-5.1"\nprice = { input = 2, output = 8 }\ndaily_budget_usd = 0.01\n\n[providers.ollama]\nbase_url = "${server.url}"\nmodel = "qwen3:8b"\n`,
    );
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('counts each chat in ~/.skynet/usage.json, warns on stderr at 80 %, then moves to the next slot with "budget reached"', async () => {
    // $0.007 a request against a $0.01 daily budget: the second crosses 80 % (and 100 %).
    const first = await runTrustedCli(['chat', 'hi'], { cwd, env: {} });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, 'from openai\n');
    assert.equal(first.stderr, '');
    const second = await runCliInProcess(['chat', 'hi'], { cwd, env: {} });
    assert.match(
      second.stderr,
      /^skynet: warning: Skynet: 140 % of a budget used \(daily_budget_usd of chat: \$0\.0140 of \$0\.0100 today\); requests now go to the next slot\. Resets at local midnight; raise daily_budget_usd at .*skynet\.toml:1\.\n$/,
    );
    const third = await runCliInProcess(['chat', '--json', 'hi'], { cwd, env: {} });
    const lines = third.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(lines[0].type, 'slot-skipped');
    assert.equal(lines[0].slot, 'chat');
    assert.equal(lines[0].code, 'budget-reached');
    assert.match(lines[0].message, /^budget reached \(daily_budget_usd of chat/);
    assert.equal(lines.at(-1).slot, 'ollama');

    const usage = await runCliInProcess(['usage', '--json'], { cwd, env: {} });
    assert.equal(usage.code, 0, usage.stderr);
    const report = JSON.parse(usage.stdout);
    assert.equal(report.file, path.join(cwd, 'home', '.skynet', 'usage.json'));
    const chat = report.days.find((row: { slot: string }) => row.slot === 'chat');
    assert.equal(chat.requests, 2);
    assert.equal(chat.inputTokens, 3000);
    assert.equal(chat.outputTokens, 1000);
    assert.ok(Math.abs(chat.costUsd - 0.014) < 1e-12);
    assert.deepEqual(
      report.budgets.map((budget: { slotId: string; key: string; limit: number }) => [
        budget.slotId,
        budget.key,
        budget.limit,
      ]),
      [['chat', 'daily_budget_usd', 0.01]],
    );
    const text = await runCliInProcess(['usage', '--days', '1'], { cwd, env: {} });
    assert.match(
      text.stdout,
      /^DAY +SLOT +REQUESTS +INPUT +CACHE READ +CACHE WRITE +OUTPUT +COST\n\d{4}-\d{2}-\d{2} +chat +2 +3,000 +0 +0 +1,000 +\$0\.0140\n\d{4}-\d{2}-\d{2} +ollama +1 +1,500 +0 +0 +500 +\$0\.00\n/,
    );
    assert.match(
      text.stdout,
      /Budgets \(local time\):\n {2}chat daily_budget_usd: \$0\.0140 of \$0\.0100 today \(140 %\) · budget reached\n$/,
    );
  });

  it('a corrupt usage file is one clear stderr line and a fresh start; --days is checked', async () => {
    fs.mkdirSync(path.join(cwd, 'home', '.skynet'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'home', '.skynet', 'usage.json'), '{"version":1,"days":');
    const run = await runTrustedCli(['chat', 'hi'], { cwd, env: {} });
    assert.equal(run.code, 0);
    assert.match(
      run.stderr,
      /^skynet: The usage file .*usage\.json could not be read \(it is not JSON .*\); it was kept as .*usage\.json\.corrupt-\d+ and usage is counted afresh from now\.\n$/,
    );
    const usage = JSON.parse((await runCliInProcess(['usage', '--json'], { cwd, env: {} })).stdout);
    assert.equal(usage.days[0].requests, 1);
    const bad = await runCliInProcess(['usage', '--days', '0'], { cwd, env: {} });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--days must be a whole number from 1 to 400/);
  });
});
