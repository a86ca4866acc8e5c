import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliRedactor } from '../../../src/cli/context';
import { runTrustedCli, type CliRun } from '../../fakes/cliRunner';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import { startForwardProxy, type ForwardProxy } from '../../fakes/forwardProxy';
import { testCert } from '../../fakes/testCert';
import { openaiChunk, replaySse, sseFromPayloads } from '../../fakes/wire';

/** `skynet chat` behind a corporate proxy: HTTPS_PROXY / NO_PROXY from the environment the CLI is given. */

const KEY = 'sk-proxied-0123456789abcdef';
const PASSWORD = 'proxy-pa55word';
const BASIC = `Basic ${Buffer.from(`dev:${PASSWORD}`).toString('base64')}`;

const helloStream = sseFromPayloads([
  openaiChunk({ role: 'assistant', content: '' }),
  openaiChunk({ content: 'Hello' }),
  openaiChunk({ content: ' via proxy' }),
  openaiChunk({}, 'stop'),
]);

function run(argv: string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  return runTrustedCli(argv, { cwd, env: { PROXIED_KEY: KEY, ...env } });
}

describe('skynet CLI through a proxy (HTTPS_PROXY)', () => {
  let target: FakeServer;
  let proxy: ForwardProxy;
  let dir: string;
  let caFile: string;
  let targetHost: string;

  beforeEach(async () => {
    const cert = await testCert();
    target = await startFakeServer(undefined, { tls: cert });
    proxy = await startForwardProxy({ authorization: BASIC });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-cli-proxy-'));
    caFile = path.join(dir, 'ca.pem');
    fs.writeFileSync(caFile, cert.cert);
    // A name only the proxy can resolve: a request that skipped the proxy could not reach it.
    targetHost = `api.example.test:${new URL(target.url).port}`;
    fs.writeFileSync(
      path.join(dir, 'skynet.toml'),
      `[[providers.openai_compat]]
id = "corp"
base_url = "https://${targetHost}"
model = "corp-model"
api_key = "\${env:PROXIED_KEY}"

[router]
connect_timeout_ms = 2000
`,
    );
  });
  afterEach(async () => {
    await Promise.all([target.close(), proxy.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('chat streams through the proxy named in HTTPS_PROXY, with its credentials, and never prints them', async () => {
    target.route('POST', '/v1/chat/completions', (_req, res) => replaySse(res, helloStream));
    const env = { HTTPS_PROXY: `http://dev:${PASSWORD}@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: caFile };
    const result = await run(['chat', '--verbose', 'Say hello'], dir, env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'Hello via proxy\n');
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target, r.headers['proxy-authorization']]),
      [['CONNECT', targetHost, BASIC]],
    );
    assert.equal(target.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.equal(target.requests[0].json.model, 'corp-model');
    assert.doesNotMatch(result.stderr, new RegExp(`${PASSWORD}|${BASIC.slice(6)}`));
  });

  it('a proxy that rejects the credentials fails the chat with a reason naming the proxy, not the password', async () => {
    const env = { HTTPS_PROXY: `http://dev:wrong-${PASSWORD}@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: caFile };
    const result = await run(['chat', '--verbose', 'Say hello'], dir, env);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(`corp: The proxy http://127\\.0\\.0\\.1:${proxy.port} rejected its credentials \\(HTTP 407\\)`),
    );
    assert.doesNotMatch(result.stderr, new RegExp(PASSWORD));
    assert.equal(target.requests.length, 0);
  });

  it('the CLI redactor knows the proxy password, as typed, decoded and as a Proxy-Authorization value', () => {
    const redactor = cliRedactor({
      HTTPS_PROXY: `http://dev:${PASSWORD}%21@proxy.corp:3128`,
      http_proxy: 'http://proxy.corp:3128',
    });
    const line = redactor.redact(
      `via http://dev:${PASSWORD}%21@proxy.corp:3128 (${PASSWORD}!) Basic ${Buffer.from(`dev:${PASSWORD}!`).toString('base64')}`,
    );
    assert.doesNotMatch(line, new RegExp(PASSWORD));
    assert.doesNotMatch(line, new RegExp(Buffer.from(`dev:${PASSWORD}!`).toString('base64').slice(0, 12)));
    assert.match(line, /proxy\.corp:3128/);
  });

  it('NO_PROXY sends the host direct, and an unsupported proxy is refused in one line', async () => {
    // Direct, the client must resolve api.example.test itself, and cannot: the proxy saw nothing.
    const direct = await run(['chat', 'Say hello'], dir, {
      HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`,
      NO_PROXY: 'example.test',
      NODE_EXTRA_CA_CERTS: caFile,
    });
    assert.equal(direct.code, 1);
    assert.doesNotMatch(direct.stderr, /proxy/);
    assert.equal(proxy.requests.length, 0);

    const socks = await run(['chat', 'Say hello'], dir, { HTTPS_PROXY: `socks5://dev:${PASSWORD}@127.0.0.1:1080` });
    assert.equal(socks.code, 1);
    assert.equal(
      socks.stderr,
      'skynet: The HTTPS proxy socks5://127.0.0.1:1080 is not supported: Skynet talks to http:// and https:// proxies (not SOCKS)\n',
    );
  });
});
