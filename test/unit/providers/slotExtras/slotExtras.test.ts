import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../../src/auth/credentialStore';
import { extrasExposures, extrasSecretTexts } from '../../../../src/trust/extrasCredentials';
import { OriginApprovals } from '../../../../src/trust/originGuard';
import { slotsNeedingTrust } from '../../../../src/trust/workspaceTrust';
import { parseConfig } from '../../../support/config';
import type { SlotConfig } from '../../../../src/config/types';
import { withSlotExtrasHttp } from '../../../../src/providers/slotExtras/withSlotExtras';
import { buildRouterSlot } from '../../../../src/router/buildRouter';
import type { HttpRequest } from '../../../../src/util/http';
import { ProviderError } from '../../../../src/util/errors';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from '../../../fakes/wire';
import { collectEvents, HELLO } from '../openaiCompatible/openaiTestKit';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';
import { startFakeServer, type FakeServer } from '../../../fakes/fakeServer';

const ENV = { HELICONE_KEY: 'hk-helicone-secret-123', APP: 'my-app' };

function slotsOf(text: string, env: Record<string, string> = ENV): SlotConfig[] {
  const parsed = parseConfig(text, '/ws/skynet.toml', env, '/home/me');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.errors.map((error) => error.message).join('\n'));
  return parsed.config.slots;
}

function errorsOf(text: string): string[] {
  const parsed = parseConfig(text, '/ws/skynet.toml', ENV, '/home/me');
  assert.equal(parsed.ok, false);
  return parsed.ok ? [] : parsed.errors.map((error) => `${error.line}:${error.column} ${error.message}`);
}

describe('per-slot headers and query', () => {
  let server: FakeServer;
  const http = fastHttpClient();
  beforeEach(async () => {
    server = await startFakeServer();
    server.route('POST', '/api/v1/chat/completions', (request, response) => {
      if (request.headers['helicone-auth'] !== `Bearer ${ENV.HELICONE_KEY}`)
        return replyError(response, 401, {
          error: { message: `bad Helicone-Auth: ${String(request.headers['helicone-auth'])}` },
        });
      void replaySse(response, sseFromPayloads([openaiChunk({ content: 'hi' }, 'stop')]));
    });
  });
  afterEach(() => server.close());
  after(() => http.close());

  const toml = (base: string) => `
[[providers.openai_compat]]
id = "openrouter"
base_url = "${base}/api/v1"
api_key = "sk-or-literal-key-1234"
headers = { "HTTP-Referer" = "https://example.dev", "X-Title" = "\${env:APP}", "Helicone-Auth" = "Bearer \${env:HELICONE_KEY}" }
query = { "api-version" = "2024-10-21" }
`;

  it('sends the headers and query with every API request of the slot, variables read per request', async () => {
    const [slot] = slotsOf(toml(server.url));
    const built = await buildRouterSlot(slot, providerDeps(http, { env: ENV }));
    const events = await collectEvents(built.client!.streamChat(HELLO));
    assert.ok(events.some((event) => event.type === 'text-delta' && event.text === 'hi'));
    const [sent] = server.requests;
    assert.equal(sent.headers['http-referer'], 'https://example.dev');
    assert.equal(sent.headers['x-title'], 'my-app');
    assert.equal(sent.headers.authorization, 'Bearer sk-or-literal-key-1234');
    assert.equal(new URL(sent.url, server.url).searchParams.get('api-version'), '2024-10-21');
  });

  it('an echoed credential header is cut from the error, and a missing variable names itself', async () => {
    const [slot] = slotsOf(toml(server.url), { APP: 'a', HELICONE_KEY: 'hk-wrong-but-secret-999' });
    const built = await buildRouterSlot(
      slot,
      providerDeps(http, { env: { APP: 'a', HELICONE_KEY: 'hk-wrong-but-secret-999' } }),
    );
    const error = await built.client!.send(HELLO).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ProviderError && error.kind === 'auth');
    assert.doesNotMatch(error.message, /hk-wrong-but-secret-999/);
    const unset = await buildRouterSlot(slot, providerDeps(http, { env: { APP: 'a' } }));
    const missing = await unset.client!.send(HELLO).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(missing instanceof ProviderError && missing.code === 'missing-key');
    assert.match(missing.message, /Header Helicone-Auth of openrouter uses \$\{env:HELICONE_KEY\}, which is not set/);
    assert.equal(server.requests.length, 1, 'nothing is sent without the variable');
  });

  it('a variable holding CR/LF is refused before the request', async () => {
    const [slot] = slotsOf(toml(server.url));
    const built = await buildRouterSlot(slot, providerDeps(http, { env: { ...ENV, APP: 'x\r\nInjected: 1' } }));
    const error = await built.client!.send(HELLO).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ProviderError && error.code === 'invalid-header', String(error));
    assert.equal(server.requests.length, 0);
  });

  it("${key} puts the slot's own key (from Secret Storage) in a header", async () => {
    server.route('POST', '/v1/chat/completions', (request, response) => {
      assert.equal(request.headers['x-portkey-api-key'], 'pk-stored-key-0001');
      void replaySse(response, sseFromPayloads([openaiChunk({ content: 'ok' }, 'stop')]));
    });
    const [slot] = slotsOf(
      `[[providers.openai_compat]]\nid = "portkey"\nbase_url = "${server.url}"\nmodel = "m"\nheaders = { "x-portkey-api-key" = "\${key}" }\n`,
    );
    const credentials = new MemoryCredentialStore({ [secretKeys.apiKey('portkey')]: 'pk-stored-key-0001' });
    const built = await buildRouterSlot(slot, providerDeps(http, { credentials }));
    await collectEvents(built.client!.streamChat(HELLO));
    assert.equal(server.requests.length, 1);
  });

  it("headers go only to the slot's API origin, never to a sign-in or token host", async () => {
    const [slot] = slotsOf(`[providers.copilot]\nheaders = { "X-Team" = "\${env:APP}" }\n`);
    const seen: HttpRequest[] = [];
    const recording = { request: async (request: HttpRequest) => (seen.push(request), { status: 204 } as never) };
    const wrapped = withSlotExtrasHttp(recording, slot, providerDeps(recording, { env: ENV }));
    await wrapped.request({
      method: 'GET',
      url: 'https://api.github.com/copilot_internal/v2/token',
      provider: 'copilot',
      headers: {},
    });
    await wrapped.request({
      method: 'POST',
      url: 'https://api.individual.githubcopilot.com/chat/completions',
      provider: 'copilot',
      headers: {},
    });
    assert.deepEqual(
      seen.map((request) => request.headers?.['X-Team']),
      [undefined, 'my-app'],
    );
  });
});

describe('headers and query in skynet.toml', () => {
  it('CR/LF, bad names and reserved names are errors at their line and column', () => {
    const errors = errorsOf(
      `[providers.anthropic]\nheaders = { "X-Ok" = "a\\r\\nInjected: 1" }\n\n[providers.openai]\nheaders = { "Bad Name" = "x", "Host" = "y" }\n`,
    );
    assert.ok(
      errors.some((error) => /^2:1 The value of header X-Ok contains a carriage return \(CR\)/.test(error)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((error) => /^5:1 "Bad Name" is not a valid header name/.test(error)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((error) => /^5:1 Host is set by the HTTP connection itself/.test(error)),
      errors.join('\n'),
    );
    const sub = errorsOf(
      `[[providers.openai_compat]]\nid = "groq"\n[providers.openai_compat.headers]\n"X-Tab" = "ok\\tfine"\n"X-Bell" = "\\u0007"\n`,
    );
    assert.ok(
      sub.some((error) => /^5:1 The value of header X-Bell contains the control character U\+0007/.test(error)),
      sub.join('\n'),
    );
  });

  it('${key} where the provider has no key, and a non-table value, are errors', () => {
    assert.ok(
      errorsOf(`[providers.ollama]\nheaders = { Authorization = "Bearer \${key}" }\n`).some((error) =>
        /has none; use `\$\{env:NAME\}`/.test(error),
      ),
    );
    assert.ok(errorsOf(`[providers.openai]\nquery = "api-version=1"\n`).some((error) => /must be a table/.test(error)));
  });

  it('Bedrock takes headers but no query (SigV4 signs the query)', () => {
    const parsed = parseConfig(
      `[providers.bedrock]\nregion = "us-east-1"\nquery = { a = "b" }\nheaders = { "X-Trace" = "1" }\n`,
      'f',
      {},
    );
    assert.ok(parsed.ok && parsed.warnings.some((warning) => /Unknown key `query`/.test(warning.message)));
  });

  it('credential values are secrets: learned by the redactor, withheld in untrusted workspaces, bound to their origin', async () => {
    const [openrouter, gateway, plain] = slotsOf(`
[[providers.openai_compat]]
id = "openrouter"
headers = { "X-Title" = "Skynet" }
[[providers.openai_compat]]
id = "gw"
base_url = "https://gateway.example/v1"
api_key = "sk-repo-literal-key"
headers = { "cf-aig-authorization" = "Bearer \${env:HELICONE_KEY}", "Authorization2-token" = "literal-token-abcdef" }
[providers.ollama]
headers = { "X-Title" = "ok" }
`);
    assert.equal(openrouter.headers!['X-Title'].secret, false);
    assert.equal(gateway.headers!['cf-aig-authorization'].secret, true);
    assert.deepEqual(extrasSecretTexts(gateway, ENV).sort(), [ENV.HELICONE_KEY, 'literal-token-abcdef'].sort());
    const withheld = slotsNeedingTrust([openrouter, gateway, plain], {
      workspaceFolders: ['/ws'],
      homeDir: '/home/me',
      env: ENV,
      cwd: '/',
    });
    assert.match(withheld.get('gw') ?? '', /your environment variable HELICONE_KEY \(header cf-aig-authorization\)/);
    assert.equal(withheld.has('ollama'), false, 'a literal, non-credential header needs no trust');
    const [exposure] = extrasExposures(gateway, undefined);
    assert.deepEqual(exposure.origins, ['https://gateway.example']);
    const asked: string[] = [];
    const approvals = new OriginApprovals(
      new MemoryCredentialStore(),
      async (prompt) => (asked.push(`${prompt.secretId} ${prompt.origin}`), false),
    );
    const http = fastHttpClient();
    const built = await buildRouterSlot(gateway, providerDeps(http, { env: ENV }), { originApprovals: approvals });
    const refused = await built.client!.send(HELLO).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await http.close();
    assert.ok(refused instanceof ProviderError && refused.code === 'origin-not-approved');
    assert.deepEqual(asked, ['env:HELICONE_KEY https://gateway.example']);
  });
});
