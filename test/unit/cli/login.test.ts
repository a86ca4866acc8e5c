import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLogin, runLogout, type LoginOptions } from '../../../src/cli/login';
import { runCli } from '../../../src/cli/main';
import { DEFAULT_ROUTER_SETTINGS, type SkynetConfig, type SlotConfig } from '../../../src/config/types';
import { eventually } from '../../fakes/fakeServer';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeQwen } from '../../fakes/fakeQwen';
import { fakeGithub, granted, pending } from '../../fakes/fakeGithub';
import {
  copilotSlot,
  fakeTime,
  qwenSlot,
  replyJson,
  runCommand,
  tempDir,
  testHttp,
  useFakeServer,
  type CommandRun,
} from '../../fakes/signinHarness';

function configWith(...slots: SlotConfig[]): SkynetConfig {
  return { file: 'skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false };
}

describe('skynet login / logout against fake GitHub, Copilot and Qwen servers', function () {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());
  let home: string;
  beforeEach(() => {
    home = tempDir();
  });

  function run(
    command: typeof runLogin,
    argv: string[],
    options: LoginOptions,
    signal?: AbortSignal,
  ): Promise<CommandRun> {
    return runCommand((io) => command(argv, io, { http, ...options }), home, signal);
  }

  /** The user reviewed the file and ran `skynet trust --config` (an untrusted file's sign-in table is refused). */
  async function trust(config: string): Promise<void> {
    const trusted = await runCommand((io) => runCli(['trust', '--config', config], io), home);
    assert.equal(trusted.code, 0, trusted.stderr);
  }

  function githubRoutes(polls: number): void {
    fakeGithub(fake.server, [...Array.from({ length: polls }, () => pending), granted(GITHUB_TOKEN)], {
      user_code: 'ABCD-1234',
      verification_uri: `${fake.server.url}/login/device`,
    });
  }

  it('login copilot prints the code and URL, polls, saves the token 0600 at ~/.skynet/copilot-token and checks Copilot access', async () => {
    const { server } = fake;
    const time = fakeTime();
    githubRoutes(2);
    fakeCopilot(server, time.now);
    const slot = copilotSlot({ githubUrl: server.url, githubApiUrl: server.url });
    const result = await run(runLogin, ['copilot'], { config: configWith(slot), sleep: time.sleep, now: time.now });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`open ${server.url}/login/device\\n`));
    assert.match(result.stdout, /enter the code: ABCD-1234/);
    assert.match(result.stdout, /Copilot is ready/);
    assert.ok(
      !result.stdout.includes(GITHUB_TOKEN) && !result.stderr.includes(GITHUB_TOKEN),
      'the token is never printed',
    );
    assert.deepEqual(time.sleeps, [5000, 5000, 5000]);
    const file = path.join(home, '.skynet', 'copilot-token');
    assert.equal(fs.readFileSync(file, 'utf8').trim(), GITHUB_TOKEN);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(server.requests.filter((r) => r.url === '/copilot_internal/v2/token').length, 1);

    const logout = await run(runLogout, ['copilot'], { config: configWith(slot) });
    assert.equal(logout.code, 0);
    assert.match(logout.stdout, /Signed out of GitHub Copilot/);
    assert.equal(fs.existsSync(file), false);
    assert.match((await run(runLogout, ['copilot'], { config: configWith(slot) })).stdout, /nothing to remove/);
  });

  it('login copilot writes to the slot token_path and reports an account without Copilot', async () => {
    const { server } = fake;
    githubRoutes(0);
    server.route('GET', '/copilot_internal/v2/token', (_request, response) =>
      replyJson(response, 403, {
        error_details: { message: 'No access to GitHub Copilot found.', notification_id: 'no_copilot_access' },
        message: 'Resource not accessible by integration',
      }),
    );
    const tokenPath = path.join(home, 'tokens', 'gh');
    const slot = copilotSlot({ githubUrl: server.url, githubApiUrl: server.url }, tokenPath);
    const result = await run(runLogin, ['copilot'], { config: configWith(slot), sleep: fakeTime().sleep });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /This GitHub account has no Copilot subscription.*No access to GitHub Copilot found/);
    assert.equal(fs.readFileSync(tokenPath, 'utf8').trim(), GITHUB_TOKEN);
  });

  it('login qwen prints the complete URL and code, and saves credentials 0600 at credentials_path; logout removes them', async () => {
    const { server } = fake;
    fakeQwen(server, { polls: ['pending'] });
    const time = fakeTime();
    const slot = qwenSlot(server.url, '~/.qwen/oauth_creds.json');
    const result = await run(runLogin, ['qwen'], { config: configWith(slot), sleep: time.sleep, now: time.now });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /open https:\/\/chat\.qwen\.ai\/authorize\n/);
    assert.match(result.stdout, /enter the code: QW-EN42/);
    assert.match(result.stdout, /\(or open https:\/\/chat\.qwen\.ai\/authorize\?user_code=QW-EN42&client=qwen-code\)/);
    const file = path.join(home, '.qwen', 'oauth_creds.json');
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(saved.access_token, 'qwen-access-1');
    assert.equal(saved.refresh_token, 'qwen-refresh-1');
    assert.equal(saved.expiry_date, time.now() + 3600_000);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!result.stdout.includes('qwen-access-1'));

    const logout = await run(runLogout, ['qwen'], { config: configWith(slot) });
    assert.equal(logout.code, 0);
    assert.equal(fs.existsSync(file), false);
  });

  it("login qwen reports the service's refusal clearly and exits 1", async () => {
    const { server } = fake;
    server.route('POST', '/api/v1/oauth2/device/code', (_request, response) =>
      replyJson(response, 400, { error: 'invalid_request', error_description: 'OAuth sign-up is closed' }),
    );
    const result = await run(runLogin, ['qwen'], {
      config: configWith(qwenSlot(server.url, path.join(home, 'creds.json'))),
      sleep: fakeTime().sleep,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /OAuth sign-up is closed.*discontinued on 2026-04-15/);
    assert.equal(fs.existsSync(path.join(home, 'creds.json')), false);
  });

  it('Ctrl-C while waiting cancels the sign-in with exit code 130 and saves nothing', async () => {
    const { server } = fake;
    githubRoutes(1000);
    const controller = new AbortController();
    const sleeps: number[] = [];
    const waitForAbort = (ms: number, signal?: AbortSignal) => {
      sleeps.push(ms);
      return new Promise<void>((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );
    };
    const slot = copilotSlot({ githubUrl: server.url, githubApiUrl: server.url });
    const pending = run(runLogin, ['copilot'], { config: configWith(slot), sleep: waitForAbort }, controller.signal);
    await eventually(() => sleeps.length === 1, 2000, 'the first poll wait');
    controller.abort();
    const result = await pending;
    assert.equal(result.code, 130);
    assert.match(result.stderr, /cancelled/);
    assert.equal(fs.existsSync(path.join(home, '.skynet', 'copilot-token')), false);
  });

  it('login reads the slot from skynet.toml given with --config (GitHub Enterprise URLs, token_path)', async () => {
    const { server } = fake;
    const time = fakeTime();
    githubRoutes(0);
    fakeCopilot(server, time.now, { apiPrefix: '/api/v3' });
    const config = path.join(home, 'skynet.toml');
    fs.writeFileSync(
      config,
      `[providers.copilot]\ngithub_url = "${server.url}"\ngithub_api_url = "${server.url}/api/v3"\ntoken_path = "~/ghe-token"\n`,
    );
    await trust(config);
    const result = await run(runLogin, ['copilot', '--config', config], { sleep: time.sleep, now: time.now });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /enter the code: ABCD-1234/);
    assert.equal(fs.readFileSync(path.join(home, 'ghe-token'), 'utf8').trim(), GITHUB_TOKEN);
    assert.deepEqual(
      server.requests.map((r) => r.url),
      ['/login/device/code', '/login/oauth/access_token', '/api/v3/copilot_internal/v2/token'],
    );
  });

  it('login qwen reads auth_url and credentials_path from skynet.toml', async () => {
    const { server } = fake;
    fakeQwen(server);
    const config = path.join(home, 'skynet.toml');
    fs.writeFileSync(
      config,
      `[providers.qwen_oauth]\nauth_url = "${server.url}"\ncredentials_path = "${path.join(home, 'q.json')}"\n`,
    );
    await trust(config);
    const result = await run(runLogin, ['qwen', '-c', config], { sleep: fakeTime().sleep });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(home, 'q.json'), 'utf8')).access_token, 'qwen-access-1');
  });

  it('a broken skynet.toml is reported with its location and exit 2', async () => {
    const config = path.join(home, 'skynet.toml');
    fs.writeFileSync(config, '[providers.copilot\n');
    const result = await run(runLogin, ['copilot', '--config', config], {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /skynet\.toml:1:\d+/);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run(runLogin, ['gitlab'], { config: configWith() })).code, 2);
    assert.equal((await run(runLogin, [], { config: configWith() })).code, 2);
    const wrongSlot = await run(runLogin, ['copilot', '--slot', 'nope'], { config: configWith() });
    assert.equal(wrongSlot.code, 2);
    assert.match(wrongSlot.stderr, /no copilot slot with id "nope"/);
  });
});
