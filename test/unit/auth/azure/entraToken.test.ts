import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ENTRA_EXPIRY_MARGIN_MS,
  createEntraTokenSource,
  parseEntraCommandOutput,
} from '../../../../src/auth/azure/entraToken';
import { MemoryCredentialStore } from '../../../../src/auth/credentialStore';
import type { AzureEntraSlot } from '../../../../src/config/types';
import { providerModules } from '../../../../src/providers';
import { ProviderError } from '../../../../src/util/errors';
import { silentLogger } from '../../../../src/util/logger';
import { azureOpenAIHandler } from '../../../fakes/azureOpenAI';
import { startFakeServer } from '../../../fakes/fakeServer';
import {
  HELLO,
  collectEvents,
  createTestHttp,
  expectProviderError,
} from '../../providers/openaiCompatible/openaiTestKit';

/** Stands in for `az account get-access-token`: counts its runs, then prints what its first argument says. */
const SCRIPT = `const fs = require('node:fs');
const [mode, counter] = process.argv.slice(2);
fs.appendFileSync(counter, 'x');
const run = fs.readFileSync(counter, 'utf8').length;
const expiresOn = Number(process.env.TOKEN_EXPIRES_ON || 0);
if (mode === 'az') console.log(JSON.stringify({ accessToken: 'eyJ.entra-token-' + run, expiresOn: '2026-12-05 23:59:59.000000', expires_on: expiresOn, subscription: 's', tenant: 't', tokenType: 'Bearer' }));
if (mode === 'fail') { console.error('ERROR: Please run az login to setup account.'); process.exit(1); }
if (mode === 'hang') setTimeout(() => undefined, 60000);
if (mode === 'garbage') console.log('{"accessToken": "eyJ.secret-partial');
`;

describe('Microsoft Entra ID token from a command', () => {
  let dir: string;
  let counter: string;
  const command = (mode: string): string => `"${process.execPath}" "${path.join(dir, 'az.js')}" ${mode} "${counter}"`;
  const runs = async (): Promise<number> => (await fs.readFile(counter, 'utf8').catch(() => '')).length;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skynet-entra-'));
    await fs.writeFile(path.join(dir, 'az.js'), SCRIPT);
    counter = path.join(dir, 'runs');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));
  beforeEach(() => fs.rm(counter, { force: true }));

  it('reads az output: expires_on (seconds) first, then expiresOn, then the JWT exp of a bare token', () => {
    assert.deepEqual(
      parseEntraCommandOutput(
        '{"accessToken":"abc","expires_on":1765000000,"expiresOn":"2001-01-01 00:00:00"}',
        'azure',
      ),
      { token: 'abc', expiresAt: 1765000000000 },
    );
    assert.equal(
      parseEntraCommandOutput('{"accessToken":"abc","expiresOn":"2026-12-05T10:00:00Z"}', 'azure').expiresAt,
      Date.parse('2026-12-05T10:00:00Z'),
    );
    const jwt = `h.${Buffer.from(JSON.stringify({ exp: 1765000123, aud: 'https://cognitiveservices.azure.com' })).toString('base64url')}.s`;
    assert.deepEqual(parseEntraCommandOutput(`${jwt}\n`, 'azure'), { token: jwt, expiresAt: 1765000123000 });
    for (const bad of ['', 'two words', '{"tokenType":"Bearer"}', '{not json'])
      assert.throws(() => parseEntraCommandOutput(bad, 'azure'), ProviderError);
  });

  it('runs the command once for concurrent callers and reuses the token until shortly before it expires', async () => {
    let now = 1_765_000_000_000;
    const env = { PATH: process.env.PATH, TOKEN_EXPIRES_ON: String(now / 1000 + 3600) };
    const source = createEntraTokenSource({ command: command('az'), env, provider: 'azure', now: () => now });
    const [a, b] = await Promise.all([source.token(), source.token()]);
    assert.equal(a, 'eyJ.entra-token-1');
    assert.equal(b, a);
    now += 3600_000 - ENTRA_EXPIRY_MARGIN_MS - 1;
    assert.equal(await source.token(), a);
    assert.equal(await runs(), 1);
    now += 2;
    assert.equal(await source.token(), 'eyJ.entra-token-2');
    source.invalidate();
    assert.equal(await source.token(), 'eyJ.entra-token-3');
  });

  it('a failing command is an auth error carrying the first line of its stderr', async () => {
    const source = createEntraTokenSource({
      command: command('fail'),
      env: { PATH: process.env.PATH },
      provider: 'azure',
      now: Date.now,
    });
    const error = await expectProviderError(source.token());
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /entra_command of \[providers\.azure\] exited with code 1: ERROR: Please run az login/);
  });

  it('output that is not a token never reaches the error', async () => {
    const error = await expectProviderError(
      createEntraTokenSource({
        command: command('garbage'),
        env: { PATH: process.env.PATH },
        provider: 'azure',
        now: Date.now,
      }).token(),
    );
    assert.doesNotMatch(error.message, /secret-partial/);
  });

  it('a command that hangs is stopped at its time limit', async () => {
    const started = Date.now();
    const error = await expectProviderError(
      createEntraTokenSource({
        command: command('hang'),
        env: { PATH: process.env.PATH },
        provider: 'azure',
        now: Date.now,
        timeoutMs: 300,
      }).token(),
    );
    assert.equal(error.kind, 'timeout');
    assert.ok(Date.now() - started < 5000);
  });

  it('an Entra slot sends Bearer <token>, never api-key, and runs the command again once after a 401', async () => {
    const http = createTestHttp();
    const accepted = ['eyJ.entra-token-2'];
    const server = await startFakeServer(azureOpenAIHandler({ tokens: accepted, deployments: ['gpt-5.5'] }));
    try {
      const slot: AzureEntraSlot = {
        id: 'azure',
        kind: 'azure',
        displayName: 'Azure OpenAI',
        model: 'gpt-5.5',
        baseUrl: server.url,
        entraCommand: command('az'),
        apiVersion: 'v1',
        deployments: {},
        source: { file: 'skynet.toml', line: 1, column: 1 },
      };
      const env = { PATH: process.env.PATH, TOKEN_EXPIRES_ON: String(Math.floor(Date.now() / 1000) + 3600) };
      const client = providerModules.azure.create(slot, {
        http,
        logger: silentLogger,
        credentials: new MemoryCredentialStore(),
        env,
        now: Date.now,
        homeDir: dir,
      });
      await collectEvents(client.streamChat(HELLO));
      assert.deepEqual(
        server.requests.map((request) => [request.headers.authorization, request.headers['api-key']]),
        [
          ['Bearer eyJ.entra-token-1', undefined],
          ['Bearer eyJ.entra-token-2', undefined],
        ],
      );
      await collectEvents(client.streamChat(HELLO));
      assert.equal(await runs(), 2, 'the accepted token is reused');
    } finally {
      await server.close();
      await http.close();
    }
  });
});
