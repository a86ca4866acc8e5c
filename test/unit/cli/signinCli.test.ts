import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeGithub, granted, pending } from '../../fakes/fakeGithub';
import { fakeQwen } from '../../fakes/fakeQwen';
import { replyJson, runCommand, tempDir, useFakeServer } from '../../fakes/signinHarness';

/** `skynet login` then `skynet chat` as a user runs them: one skynet.toml, one home directory, the fakes behind. */
describe('skynet login, then skynet chat through Copilot and Qwen', function () {
  const fake = useFakeServer();
  let home: string;
  let config: string;

  beforeEach(() => {
    home = tempDir();
    config = path.join(home, 'skynet.toml');
  });

  // The user's own file, reviewed and trusted (`skynet trust --config`); a changed file is trusted again.
  const cli = async (argv: string[]) => {
    await runCommand((io) => runCli(['trust', '--config', config], io), home);
    return runCommand((io) => runCli(argv, io), home);
  };

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
    // Real sleeps through the CLI entry point: the fakes ask for a 10 ms poll interval.
    fakeQwen(fake.server, { polls: ['pending'], interval: 0.01 });
    fakeGithub(fake.server, [pending, granted(GITHUB_TOKEN)], { interval: 0.01 });
    const copilotLogin = await cli(['login', 'copilot', '--config', config]);
    assert.equal(copilotLogin.code, 0, copilotLogin.stderr);
    assert.match(copilotLogin.stdout, /enter the code: WDJB-MJHT/);
    const qwenLogin = await cli(['login', 'qwen', '--config', config]);
    assert.equal(qwenLogin.code, 0, qwenLogin.stderr);
    assert.match(qwenLogin.stdout, /enter the code: QW-EN42/);

    const viaCopilot = await cli(['chat', 'Say hello', '--config', config]);
    assert.equal(viaCopilot.code, 0, viaCopilot.stderr);
    assert.equal(viaCopilot.stdout, 'Hello\n');

    copilot.exchangeReply = (response) =>
      replyJson(response, 403, { error_details: { message: 'No access to GitHub Copilot found.' } });
    const viaQwen = await cli(['chat', 'Weather in San Francisco?', '--config', config]);
    assert.equal(viaQwen.code, 0, viaQwen.stderr);
    assert.equal(viaQwen.stdout, '[tool-call weather {"location":"San Francisco"}]\n');
    assert.match(viaQwen.stderr, /copilot failed \(auth\).*no Copilot subscription.*answered by qwen_oauth/);
  });
});
