import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTrustedCli } from '../../fakes/cliRunner';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { textTurn } from '../../fakes/strictServices';
import { replaySse } from '../../fakes/wire';

describe('custom endpoints: base_url and chat_path', () => {
  let server: FakeServer;
  let dir: string;
  // The user's own reviewed file (`skynet trust`): these tests are about the request, not about trust.
  const run = (argv: string[]) => runTrustedCli(argv, { cwd: dir, env: {} });
  const writeConfig = (slot: string) =>
    fs.writeFileSync(
      path.join(dir, 'skynet.toml'),
      `[[providers.openai_compat]]\nid = "gpu"\nmodel = "qwen3-coder"\n${slot}`,
    );

  beforeEach(async () => {
    server = await startFakeServer();
    // vLLM, LM Studio and llama.cpp serve /v1/chat/completions and /v1/models; anything else is a 404.
    server.route('POST', '/v1/chat/completions', (_request, response) => replaySse(response, textTurn('hi')));
    server.route(
      'GET',
      '/v1/models',
      (_request, response) => void response.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen3-coder' }] })),
    );
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-endpoint-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('base_url ending in /v1 (as vLLM documents it) with the default chat path posts to /v1/chat/completions, not /v1/v1/…', async () => {
    writeConfig(`base_url = "${server.url}/v1"\n`);
    const chat = await run(['chat', 'hi']);
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(chat.stdout, 'hi\n');
    const models = await run(['models', '--json']);
    assert.equal(models.code, 0, models.stderr);
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.url}`),
      ['POST /v1/chat/completions', 'GET /v1/models'],
    );
  });

  it('the host alone still gets /v1/chat/completions', async () => {
    writeConfig(`base_url = "${server.url}"\n`);
    assert.equal((await run(['chat', 'hi'])).code, 0);
    assert.equal(server.requests[0].url, '/v1/chat/completions');
  });

  it('skynet check explains a base_url that already ends with /chat/completions, at its line', async () => {
    writeConfig(`base_url = "${server.url}/v1/chat/completions"\n`);
    const check = await run(['check']);
    assert.match(
      check.stderr,
      /skynet\.toml:4:\d+: .*base_url ends with \/chat\/completions.*set base_url = "http:\/\/127\.0\.0\.1:\d+\/v1"/,
    );
  });

  it('a 404 on the chat path says which path nothing answers and what to check', async () => {
    writeConfig(`base_url = "${server.url}/api"\nchat_path = "/chat/completions"\n`);
    const chat = await run(['chat', 'hi']);
    assert.equal(chat.code, 1);
    assert.match(
      chat.stderr,
      /nothing answers POST \/api\/chat\/completions: check base_url and chat_path; `skynet check` explains/,
    );
  });
});
