import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTrustedCli, type CliRun } from '../../fakes/cliRunner';
import { eventually, startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { anthropicPayloads } from '../../support/wire/anthropicMessages';
import { reasoningOf, textOf } from '../../support/wire/events';
import { REASONING_ANSWER } from '../../support/wire/samples';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from '../../fakes/wire';

const SECRET_FIRST = 'sk-first-0123456789abcdef';
const SECRET_GROQ = 'gsk_groq_secret_0123456789';

const chunk = openaiChunk;

const helloStream = sseFromPayloads([
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hello' }),
  chunk({ content: ', wörld' }),
  chunk({}, 'stop'),
]);

function run(
  argv: string[],
  options: { cwd: string; env?: Record<string, string>; signal?: AbortSignal; stdin?: string },
): Promise<CliRun> {
  return runTrustedCli(argv, {
    ...options,
    env: { FIRST_KEY: SECRET_FIRST, GROQ_API_KEY: SECRET_GROQ, ...options.env },
  });
}

describe('skynet CLI', () => {
  let first: FakeServer;
  let second: FakeServer;
  let dir: string;

  function writeConfig(text?: string): string {
    const file = path.join(dir, 'skynet.toml');
    fs.writeFileSync(
      file,
      text ??
        `# two slots: a custom endpoint, then Groq through a local stand-in
[agent]
model = "default-model"

[[providers.openai_compat]]
id = "first"
base_url = "${first.url}"
model = "first-model"
api_key = "\${env:FIRST_KEY}"

[[providers.openai_compat]]
id = "groq"
base_url = "${second.url}/openai/v1"

[router]
idle_timeout_ms = 500
first_byte_timeout_ms = 1000
`,
    );
    return file;
  }

  beforeEach(async () => {
    first = await startFakeServer();
    second = await startFakeServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-cli-'));
    writeConfig();
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chat streams text from the first slot with its key and model', async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const result = await run(['chat', 'Say hello'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Hello, wörld\n');
    const request = first.requests[0];
    assert.equal(request.headers.authorization, `Bearer ${SECRET_FIRST}`);
    assert.equal(request.json.model, 'first-model');
    assert.deepEqual(request.json.messages, [{ role: 'user', content: 'Say hello' }]);
    assert.equal(second.requests.length, 0);
  });

  it('chat --json fails over on 429 and prints the stable event lines', async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) =>
      replyError(res, 429, { error: { message: 'slow down', type: 'rate_limit' } }, { 'retry-after': '20' }),
    );
    second.route('POST', '/openai/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const result = await run(['chat', '--json', 'Say hello'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(lines[0], {
      type: 'failover',
      from: 'first',
      kind: 'rate-limit',
      message: 'HTTP 429: slow down',
      status: 429,
    });
    assert.deepEqual(
      lines
        .filter((l) => l.type === 'text-delta')
        .map((l) => l.text)
        .join(''),
      'Hello, wörld',
    );
    assert.deepEqual(lines.at(-1), { type: 'finish', reason: 'stop', rawReason: 'stop', slot: 'groq' });
    assert.equal(second.requests[0].headers.authorization, `Bearer ${SECRET_GROQ}`);
    assert.equal(second.requests[0].json.model, 'default-model', '[agent] model applies where the slot names none');
  });

  it('chat --slot targets one slot and does not fail over', async () => {
    second.route('POST', '/openai/v1/chat/completions', (_req, res) =>
      replyError(res, 503, { error: { message: 'down' } }),
    );
    const result = await run(['chat', '--slot', 'groq', 'hi'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.equal(first.requests.length, 0);
    assert.match(result.stderr, /groq: HTTP 503: down/);
    assert.equal(result.stderr.trim().split('\n').length, 1, 'one-line reason');
  });

  it('fails with one line naming every slot, and never prints a key', async () => {
    // A hostile server echoes the credentials it received.
    first.route('POST', '/v1/chat/completions', (req, res) =>
      replyError(res, 500, { error: { message: `bad key ${req.headers.authorization}` } }),
    );
    second.route('POST', '/openai/v1/chat/completions', (req, res) =>
      replyError(res, 502, `upstream said ${req.headers.authorization}`),
    );
    const result = await run(['chat', '--json', 'hi'], { cwd: dir });
    assert.equal(result.code, 1);
    const everything = result.stdout + result.stderr;
    assert.ok(!everything.includes(SECRET_FIRST) && !everything.includes(SECRET_GROQ), everything);
    assert.match(result.stderr, /Every slot failed\. first: HTTP 500.*; groq: HTTP 502/);
    const last = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    assert.equal(last.type, 'error');
  });

  it('server text reaches the terminal without escape sequences or control characters, bidi overrides shown', async () => {
    const hostile = 'boom \x1b[2J\x1b]0;owned\x07\x1b[31mred\x1b[0m \r\x08\x9bx \u202Etxt.exe';
    first.route('POST', '/v1/chat/completions', (_req, res) => replyError(res, 500, { error: { message: hostile } }));
    second.route('POST', '/openai/v1/chat/completions', (_req, res) =>
      replaySse(res, sseFromPayloads([chunk({ content: `hi \x1b[1mthere\u2066` }), chunk({}, 'stop')])),
    );
    const result = await run(['chat', 'hi'], { cwd: dir });
    const everything = result.stdout + result.stderr;
    assert.doesNotMatch(
      everything,
      /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/,
      JSON.stringify(everything),
    );
    assert.match(result.stderr, /boom red x <U\+202E>txt\.exe/);
    assert.match(result.stdout, /hi there<U\+2066>/);
  });

  it('a cancel stops the stream at once and exits 130', async () => {
    let closed = false;
    first.route('POST', '/v1/chat/completions', (_req, res) => {
      res.on('close', () => (closed = true));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${chunk({ content: 'partial' })}\n\n`);
    });
    const controller = new AbortController();
    const pending = run(['chat', 'hi'], { cwd: dir, signal: controller.signal });
    await eventually(() => first.requests.length === 1, 2000, 'the request');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    const result = await pending;
    assert.equal(result.code, 130);
    assert.equal(result.stdout, 'partial\n', 'the partial answer is kept');
    await eventually(() => closed, 1000, 'the server to see the socket close');
    assert.equal(second.requests.length, 0, 'a cancel never fails over');
  });

  it('reads the prompt from stdin', async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const result = await run(['chat'], { cwd: dir, stdin: 'from a pipe\n' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(first.requests[0].json.messages[0].content, 'from a pipe');
  });

  it('slots --json lists slots in router order with state and the reason a slot is unavailable', async () => {
    const result = await run(['slots', '--json'], { cwd: dir, env: { GROQ_API_KEY: '' } });
    assert.equal(result.code, 0, result.stderr);
    const slots = JSON.parse(result.stdout);
    assert.deepEqual(
      slots.map((s: { id: string; provider: string; model: string; state: string }) => [
        s.id,
        s.provider,
        s.model,
        s.state,
      ]),
      [
        ['first', 'openai-compat', 'first-model', 'ready'],
        ['groq', 'openai-compat', 'default-model', 'unavailable'],
      ],
    );
    assert.equal(slots[1].baseUrl, `${second.url}/openai/v1`);
    assert.match(slots[1].reason, /GROQ_API_KEY/);
    assert.ok(!result.stdout.includes(SECRET_FIRST));
  });

  it('check passes a valid file and reports file:line:column for a broken one', async () => {
    const ok = await run(['check'], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    const file = writeConfig('[agent]\nmodel = "x"\n\n[providers.anthropic\napi_key = "k"\n');
    const broken = await run(['check', '--config', file], { cwd: os.tmpdir() });
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: .+`, 'm'));
  });

  it('check suggests the nearest provider id', async () => {
    const file = writeConfig('[[providers.openai_compat]]\nid = "grok"\n');
    const result = await run(['check', '--config', file], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /:2:\d+: .*did you mean `xai`/);
  });

  it('check refuses a provider that no longer exists and names what replaced it (issue 13 item 4)', async () => {
    const lepton = await run(['check', '--config', writeConfig('[[providers.openai_compat]]\nid = "lepton"\n')], {
      cwd: dir,
    });
    assert.equal(lepton.code, 1);
    assert.match(
      lepton.stderr,
      /:2:\d+: `lepton` \(Lepton AI\) no longer exists: .*NVIDIA.*integrate\.api\.nvidia\.com/,
    );
    const ownEndpoint = await run(
      [
        'check',
        '--config',
        writeConfig(`[[providers.openai_compat]]\nid = "lepton"\nbase_url = "${first.url}"\nmodel = "m"\n`),
      ],
      { cwd: dir },
    );
    assert.equal(ownEndpoint.code, 0, "a lepton id with its own base_url is the user's own endpoint");
    const qwen = await run(['check', '--config', writeConfig('[providers.qwen_oauth]\n')], { cwd: dir });
    assert.equal(qwen.code, 0, 'the qwen_oauth table still reads');
    assert.match(qwen.stderr, /`qwen_oauth` \(Qwen \(sign-in\)\) no longer exists: .*2026-04-15.*id = "qwen"/);
  });

  it('rejects unknown commands and flags with usage help', async () => {
    assert.equal((await run(['frobnicate'], { cwd: dir })).code, 2);
    const badFlag = await run(['chat', '--bogus', 'x'], { cwd: dir });
    assert.equal(badFlag.code, 2);
    assert.match(badFlag.stderr, /bogus/);
  });

  it('chat --reasoning asks for reasoning; absent, the body has no reasoning field', async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    assert.equal((await run(['chat', 'hi'], { cwd: dir })).code, 0);
    assert.equal((await run(['chat', '--model', 'gpt-oss-20b', '--reasoning', 'low', 'hi'], { cwd: dir })).code, 0);
    assert.equal((await run(['chat', '--model', 'gpt-oss-20b', '--reasoning', '20000', 'hi'], { cwd: dir })).code, 0);
    assert.equal(first.requests[0].json.reasoning_effort, undefined);
    assert.equal('reasoning_effort' in first.requests[0].json, false);
    assert.equal(first.requests[1].json.reasoning_effort, 'low');
    assert.equal(first.requests[2].json.reasoning_effort, 'high', 'a budget becomes the nearest effort');
  });

  it('chat --reasoning to a model not known to take reasoning_effort sends none, and --verbose says why', async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const result = await run(['chat', '--verbose', '--reasoning', 'high', 'hi'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal('reasoning_effort' in first.requests[0].json, false);
    assert.match(
      result.stderr,
      /reasoning not sent: model "first-model" is not known to accept a reasoning parameter on this service/,
    );
  });

  for (const bad of ['max', '0', '-5', '1.5', 'lots', '']) {
    it(`chat --reasoning "${bad}" exits 2 with the accepted values, before any request`, async () => {
      const result = await run(['chat', `--reasoning=${bad}`, 'hi'], { cwd: dir });
      assert.equal(result.code, 2);
      assert.equal(
        result.stderr,
        `skynet: --reasoning takes off, low, medium, high or a number of tokens (e.g. 8000), got "${bad}"\n`,
      );
      assert.equal(first.requests.length + second.requests.length, 0);
    });
  }

  it("skynet.toml reasoning is each slot's default: --reasoning replaces it, --reasoning off sends none", async () => {
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    writeConfig(
      `[agent]\nreasoning = "low"\n\n[[providers.openai_compat]]\nid = "first"\nbase_url = "${first.url}"\nmodel = "gpt-oss-120b"\napi_key = "k"\nreasoning = "medium"\n`,
    );
    for (const argv of [
      ['chat', 'hi'],
      ['chat', '--reasoning', 'high', 'hi'],
      ['chat', '--reasoning', 'off', 'hi'],
    ]) {
      const result = await run(argv, { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual(
      first.requests.map((request) => request.json.reasoning_effort),
      ['medium', 'high', undefined],
    );
    assert.equal('reasoning_effort' in first.requests[2].json, false);
  });

  it("never prints the password of a base_url's userinfo: slots, slots --json, chat --verbose", async () => {
    const password = 'userinfo-Pa55word';
    const withUser = first.url.replace('://', `://alice:${password}@`);
    writeConfig(`[[providers.openai_compat]]\nid = "first"\nbase_url = "${withUser}/v1"\napi_key = "k"\nmodel = "m"\n`);
    first.route('POST', '/v1/chat/completions', (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `upstream ${withUser}/v1 refused` } }));
    });
    for (const argv of [['slots'], ['slots', '--json'], ['chat', '--verbose', 'hi']]) {
      const result = await run(argv, { cwd: dir });
      const output = result.stdout + result.stderr;
      assert.ok(!output.includes(password), `${argv.join(' ')} printed the password:\n${output}`);
      if (argv[0] === 'slots') assert.match(output, /http:\/\/\*\*\*@127\.0\.0\.1/);
    }
  });

  it("slots --json adds each slot's skynet.toml reasoning (a word or a token budget), and only where one applies", async () => {
    writeConfig(
      `[agent]\nreasoning = 6000\n\n[[providers.openai_compat]]\nid = "first"\nbase_url = "${first.url}"\napi_key = "k"\nmodel = "m"\nreasoning = "high"\n\n` +
        `[[providers.openai_compat]]\nid = "second"\nbase_url = "${second.url}"\napi_key = "k"\nmodel = "m"\n\n[[providers.openai_compat]]\nid = "third"\nbase_url = "${second.url}"\napi_key = "k"\nmodel = "m"\nreasoning = "off"\n`,
    );
    const result = await run(['slots', '--json'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const slots = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      slots.map((slot) => [slot.id, slot.reasoning]),
      [
        ['first', 'high'],
        ['second', 6000],
        ['third', undefined],
      ],
    );
    assert.equal('reasoning' in slots[2], false);
    assert.deepEqual(Object.keys(slots[0]), ['id', 'provider', 'name', 'model', 'baseUrl', 'state', 'reasoning']);
  });

  it('--help lists --reasoning', async () => {
    const result = await run(['--help'], { cwd: dir });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /--reasoning R +Ask the model to think first: low, medium, high, or a token budget/);
  });

  it('chat --reasoning high --json against Anthropic: thinking enabled on the wire, reasoning-delta lines out', async function () {
    const recording = anthropicPayloads(REASONING_ANSWER);
    first.route('POST', '/v1/messages', (_req, res) =>
      replaySse(res, sseFromPayloads(recording, { eventNames: true, done: false })),
    );
    writeConfig(
      `[providers.anthropic]\nbase_url = "${first.url}"\napi_key = "sk-ant-api03-test"\nmodel = "claude-sonnet-4-5"\n`,
    );
    const result = await run(['chat', '--reasoning', 'high', '--temperature', '0.2', '--json', 'What is 925 / 5?'], {
      cwd: dir,
    });
    assert.equal(result.code, 0, result.stderr);
    const body = first.requests[0].json;
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: 16384 });
    assert.equal(body.max_tokens, 16384 + 8192, 'raised above the budget, keeping the default answer room');
    assert.equal('temperature' in body, false, 'thinking refuses a changed temperature');
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const reasoning = lines.filter((line) => line.type === 'reasoning-delta');
    assert.equal(reasoning.map((line) => line.text).join(''), reasoningOf(REASONING_ANSWER));
    assert.equal(reasoning.at(-1).signature, 'c2t5bmV0LXdyaXRlci1zaWduYXR1cmUtMQ==');
    assert.equal(
      lines
        .filter((line) => line.type === 'text-delta')
        .map((line) => line.text)
        .join(''),
      textOf(REASONING_ANSWER),
    );
    assert.deepEqual(lines.at(-1), { type: 'finish', reason: 'stop', rawReason: 'end_turn', slot: 'anthropic' });
  });

  it('the bundled dist/cli.js runs as a program', async function () {
    const cli = path.resolve(__dirname, '../../../../dist/cli.js');
    if (!fs.existsSync(cli)) this.skip();
    first.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const program = (argv: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [cli, ...argv],
          { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, FIRST_KEY: SECRET_FIRST } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
    const trusted = await program(['trust']);
    assert.equal(trusted.code, 0, trusted.stderr);
    const output = await program(['chat', '--json', 'hi']);
    assert.equal(output.code, 0, output.stderr);
    assert.deepEqual(JSON.parse(output.stdout.trim().split('\n').at(-1)!), {
      type: 'finish',
      reason: 'stop',
      rawReason: 'stop',
      slot: 'first',
    });
  });
});
