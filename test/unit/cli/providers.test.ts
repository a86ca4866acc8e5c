import * as assert from 'node:assert/strict';
import { NATIVE_PROVIDERS } from '../../../src/providers/descriptors';
import { listProviders } from '../../../src/providers/providerList';
import { REGISTRY } from '../../../src/providers/registry';
import { runCliInProcess } from '../../fakes/cliRunner';

const NATIVES = Object.keys(NATIVE_PROVIDERS).length;

describe('skynet providers', () => {
  it('--json lists every native provider and registry row with protocol, base URL, default model, auth and local', async () => {
    const run = await runCliInProcess(['providers', '--json'], { cwd: '/nonexistent', env: {} });
    assert.equal(run.code, 0, run.stderr);
    const listed = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.equal(listed.length, NATIVES + REGISTRY.length);
    assert.deepEqual(listed, JSON.parse(JSON.stringify(listProviders())));
    const byId = new Map(listed.map((provider) => [provider.id, provider]));
    assert.deepEqual(byId.get('anthropic'), {
      id: 'anthropic',
      service: 'Anthropic',
      table: 'native',
      group: 'cloud',
      protocol: 'anthropic-messages',
      baseUrl: 'https://api.anthropic.com',
      defaultModel: byId.get('anthropic')!.defaultModel,
      auth: byId.get('anthropic')!.auth,
      local: false,
    });
    assert.equal(byId.get('ollama')!.local, true);
    assert.equal(byId.get('groq')!.protocol, 'openai-chat');
    assert.deepEqual(
      [byId.get('azure')!.baseUrl, byId.get('azure')!.protocol],
      ['https://{resource}.openai.azure.com', 'openai-chat + openai-responses'],
    );
    for (const provider of listed)
      for (const field of ['id', 'service', 'protocol', 'baseUrl', 'defaultModel', 'auth'])
        assert.ok(typeof provider[field] === 'string' && provider[field] !== '', `${String(provider.id)}.${field}`);
  });

  it('lists DeepInfra, Cloudflare (with the account ID left as a placeholder) and GitHub Models (with where else its token comes from)', async () => {
    const run = await runCliInProcess(['providers', '--json'], { cwd: '/nonexistent', env: {} });
    const byId = new Map(
      (JSON.parse(run.stdout) as Array<Record<string, unknown>>).map((provider) => [provider.id, provider]),
    );
    assert.equal(byId.get('deepinfra')?.baseUrl, 'https://api.deepinfra.com/v1/openai');
    assert.equal(byId.get('cloudflare')?.baseUrl, 'https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1');
    assert.equal(byId.get('cloudflare-gateway')?.group, 'gateway');
    assert.equal(byId.get('github-models')?.baseUrl, 'https://models.github.ai/inference');
    assert.match(String(byId.get('github-models')?.auth), /GITHUB_TOKEN`, then the Copilot sign-in's GitHub token/);
  });

  it('prints a table with one line per provider and a count', async () => {
    const run = await runCliInProcess(['providers'], { cwd: '/nonexistent', env: {} });
    assert.equal(run.code, 0);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0], /^ID\s+SERVICE\s+PROTOCOL\s+BASE URL\s+DEFAULT MODEL\s+AUTH$/);
    assert.equal(lines.length, 1 + NATIVES + REGISTRY.length + 1);
    assert.match(lines.at(-1)!, new RegExp(`^${NATIVES + REGISTRY.length} providers`));
  });
});
