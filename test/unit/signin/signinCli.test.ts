import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runLogin } from '../../../src/cli/login';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { requireFixtures } from '../../fakes/fixtures';
import { fakeCopilot } from './fakeCopilot';
import { fakeQwen } from './fakeQwen';
import { fakeTime, replyJson, tempDir, useFakeServer } from './signinHarness';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `skynet login` then `skynet chat` as a user runs them: one skynet.toml, one home directory, the fakes behind. */
describe('skynet login, then skynet chat through Copilot and Qwen', function () {
  before(function () {
    requireFixtures(this);
  });
  const fake = useFakeServer();
  let home: string;
  let config: string;

  beforeEach(() => {
    home = tempDir();
    config = path.join(home, 'skynet.toml');
  });

  function io(): { io: CliIo; result: () => Omit<Run, 'code'> } {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const stdin = new PassThrough();
    stdin.end('');
    return { io: { stdout, stderr, stdin, env: {}, cwd: home, homeDir: home, signal: new AbortController().signal }, result: () => ({ stdout: out, stderr: err }) };
  }

  async function cli(argv: string[]): Promise<Run> {
    const { io: cliIo, result } = io();
    const code = await runCli(argv, cliIo);
    return { code, ...result() };
  }

  async function login(provider: string): Promise<Run> {
    const { io: cliIo, result } = io();
    const code = await runLogin([provider, '--config', config], cliIo, { sleep: fakeTime().sleep });
    return { code, ...result() };
  }

  function writeConfig(): void {
    const url = fake.server.url;
    fs.writeFileSync(
      config,
      [
        '[providers.copilot]',
        `github_url = "${url}"`,
        `github_api_url = "${url}"`,
        '',
        '[providers.qwen_oauth]',
        `auth_url = "${url}"`,
        'credentials_path = "~/.qwen/oauth_creds.json"',
        '',
      ].join('\n'),
    );
  }

  function githubDeviceFlow(): void {
    fake.server.route('POST', '/login/device/code', (_request, response) =>
      replyJson(response, 200, { device_code: 'dc', user_code: 'ABCD-1234', verification_uri: `${fake.server.url}/login/device`, expires_in: 900, interval: 5 }),
    );
    fake.server.route('POST', '/login/oauth/access_token', (_request, response) => replyJson(response, 200, { access_token: 'gho_FAKEGITHUBTOKEN1234567890', token_type: 'bearer' }));
  }

  it('before any sign-in both slots are unavailable with the fix', async () => {
    writeConfig();
    const slots = await cli(['slots', '--config', config]);
    assert.equal(slots.code, 0, slots.stderr);
    assert.match(slots.stdout, /copilot[\s\S]*unavailable[\s\S]*skynet login copilot/);
    assert.match(slots.stdout, /qwen_oauth[\s\S]*unavailable[\s\S]*skynet login qwen/);
  });

  it('after both logins, chat streams through Copilot, and through Qwen when Copilot refuses the account', async () => {
    writeConfig();
    const copilot = fakeCopilot(fake.server, Date.now);
    fakeQwen(fake.server);
    githubDeviceFlow();
    assert.equal((await login('copilot')).code, 0);
    assert.equal((await login('qwen')).code, 0);

    const viaCopilot = await cli(['chat', 'Say hello', '--config', config]);
    assert.equal(viaCopilot.code, 0, viaCopilot.stderr);
    assert.equal(viaCopilot.stdout, 'Hello\n');

    copilot.exchangeReply = (response) => replyJson(response, 403, { error_details: { message: 'No access to GitHub Copilot found.' } });
    const viaQwen = await cli(['chat', 'Weather in San Francisco?', '--config', config]);
    assert.equal(viaQwen.code, 0, viaQwen.stderr);
    assert.equal(viaQwen.stdout, '[tool-call weather {"location":"San Francisco"}]\n');
    assert.match(viaQwen.stderr, /copilot failed \(auth\).*no Copilot subscription.*answered by qwen_oauth/);
  });
});
