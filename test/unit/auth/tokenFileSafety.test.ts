import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findGithubToken } from '../../../src/auth/copilot/copilotGithubToken';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import { exposureOf } from '../../../src/trust/originGuard';
import { runLogin, runLogout, type LoginOptions } from '../../../src/cli/login';
import { DEFAULT_ROUTER_SETTINGS, type SkynetConfig, type SlotConfig } from '../../../src/config/types';
import { fakeCopilot, GITHUB_TOKEN } from '../../fakes/fakeCopilot';
import { fakeGithub, granted } from '../../fakes/fakeGithub';
import { fakeQwen } from '../../fakes/fakeQwen';
import {
  copilotSlot,
  fakeTime,
  qwenSlot,
  runCommand,
  tempDir,
  testHttp,
  useFakeServer,
} from '../../fakes/signinHarness';

const BASHRC = '# ~/.bashrc\nexport PATH="$HOME/bin:$PATH"\nalias ll="ls -l"\n';
const SSH_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';

function configWith(...slots: SlotConfig[]): SkynetConfig {
  return { file: 'skynet.toml', slots, router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: false };
}

/** token_path / credentials_path may name any file: sign-out deletes and sign-in overwrites only a token file. */
describe('sign-in files: logout and login touch only a token file (or the default path)', () => {
  const http = testHttp();
  const fake = useFakeServer();
  after(async () => http.close());
  let home: string;
  beforeEach(() => {
    home = tempDir();
  });
  const run = (command: typeof runLogin, argv: string[], options: LoginOptions) =>
    runCommand((io) => command(argv, io, { http, ...options }), home);

  it('logout copilot refuses to delete a token_path that is not a GitHub token file, and says why', async () => {
    const bashrc = path.join(home, '.bashrc');
    fs.writeFileSync(bashrc, BASHRC);
    const result = await run(runLogout, ['copilot'], {
      config: configWith(copilotSlot({ githubApiUrl: 'https://api.github.com' }, bashrc)),
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not removing .*\.bashrc: it does not look like a GitHub token file/);
    assert.equal(fs.readFileSync(bashrc, 'utf8'), BASHRC, 'the file is untouched');
  });

  it('logout qwen refuses to delete a credentials_path that is not an oauth_creds.json', async () => {
    const key = path.join(home, 'id_ed25519');
    fs.writeFileSync(key, SSH_KEY);
    const result = await run(runLogout, ['qwen'], { config: configWith(qwenSlot('https://chat.qwen.ai', key)) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not removing .*id_ed25519: it does not look like a Qwen credentials file/);
    assert.equal(fs.readFileSync(key, 'utf8'), SSH_KEY);
  });

  it('logout removes a real token file at any path, and the default path whatever it holds', async () => {
    const token = path.join(home, 'ghe-token');
    fs.writeFileSync(token, `${GITHUB_TOKEN}\n`);
    assert.equal(
      (
        await run(runLogout, ['copilot'], {
          config: configWith(copilotSlot({ githubApiUrl: 'https://api.github.com' }, token)),
        })
      ).code,
      0,
    );
    assert.equal(fs.existsSync(token), false);
    const qwen = path.join(home, 'q.json');
    fs.writeFileSync(qwen, JSON.stringify({ access_token: 'a', refresh_token: 'r' }));
    assert.equal(
      (await run(runLogout, ['qwen'], { config: configWith(qwenSlot('https://chat.qwen.ai', qwen)) })).code,
      0,
    );
    assert.equal(fs.existsSync(qwen), false);
    const defaultFile = path.join(home, '.skynet', 'copilot-token');
    fs.mkdirSync(path.dirname(defaultFile), { recursive: true });
    fs.writeFileSync(defaultFile, 'damaged\nfile\n');
    assert.equal(
      (
        await run(runLogout, ['copilot'], {
          config: configWith(copilotSlot({ githubApiUrl: 'https://api.github.com' })),
        })
      ).code,
      0,
    );
    assert.equal(fs.existsSync(defaultFile), false);
  });

  it('login copilot never overwrites a file that is not a token file: it refuses before the device flow', async () => {
    const { server } = fake;
    const time = fakeTime();
    fakeGithub(server, [granted(GITHUB_TOKEN)], {
      user_code: 'ABCD-1234',
      verification_uri: `${server.url}/login/device`,
    });
    fakeCopilot(server, time.now);
    const bashrc = path.join(home, '.bashrc');
    fs.writeFileSync(bashrc, BASHRC);
    const result = await run(runLogin, ['copilot'], {
      config: configWith(copilotSlot({ githubUrl: server.url, githubApiUrl: server.url }, bashrc)),
      sleep: time.sleep,
      now: time.now,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not overwriting .*\.bashrc: it does not look like a GitHub token file/);
    assert.equal(fs.readFileSync(bashrc, 'utf8'), BASHRC);
    assert.equal(server.requests.length, 0, 'no sign-in was started');
  });

  it('login qwen never overwrites a file that is not a Qwen credentials file', async () => {
    fakeQwen(fake.server);
    const key = path.join(home, 'id_ed25519');
    fs.writeFileSync(key, SSH_KEY);
    const result = await run(runLogin, ['qwen'], {
      config: configWith(qwenSlot(fake.server.url, key)),
      sleep: fakeTime().sleep,
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not overwriting .*id_ed25519/);
    assert.equal(fs.readFileSync(key, 'utf8'), SSH_KEY);
  });

  it("a token_path is read only up to a token file's size, only as a token, and the approval names the file", async () => {
    const big = path.join(home, 'big');
    fs.writeFileSync(big, `${GITHUB_TOKEN}\n${'x'.repeat(200_000)}`);
    const slot = copilotSlot({ githubApiUrl: 'https://ghe.example/api/v3' }, big);
    await assert.rejects(
      findGithubToken(slot, { credentials: new MemoryCredentialStore(), homeDir: home }),
      /larger than 64 KB/,
      'not read whole, not a token',
    );
    const npmrc = path.join(home, '.npmrc');
    fs.writeFileSync(npmrc, '//registry.npmjs.org/:_authToken=npm_secret_0123456789\n');
    assert.equal(
      await findGithubToken({ ...slot, tokenPath: npmrc }, { credentials: new MemoryCredentialStore(), homeDir: home }),
      undefined,
      'a .npmrc line is not sent as a GitHub token',
    );
    assert.match(
      exposureOf(slot, undefined)!.secretLabel,
      new RegExp(`read from the file ${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
  });
});
