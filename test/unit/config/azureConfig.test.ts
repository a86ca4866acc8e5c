import * as assert from 'node:assert/strict';
import { slotsNeedingTrust } from '../../../src/trust/workspaceTrust';
import { exposureOf } from '../../../src/trust/originGuard';
import { parseConfig } from '../../support/config';
import type { AzureSlot, SlotConfig } from '../../../src/config/types';

function parse(toml: string) {
  return parseConfig(toml, '/ws/skynet.toml', {}, '/home/me');
}

function azureSlot(toml: string): AzureSlot {
  const result = parse(toml);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  const slot = result.config.slots.find((candidate): candidate is AzureSlot => candidate.kind === 'azure');
  assert.ok(slot);
  return slot;
}

function errorsOf(toml: string): string[] {
  const result = parse(toml);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors.map((error) => `${error.line}:${error.column} ${error.message}`);
}

describe('[providers.azure] in skynet.toml', () => {
  it('builds the endpoint from the resource, defaults to the v1 api and the stored key', () => {
    const slot = azureSlot(
      '[providers.azure]\nresource = "contoso-ai"\nmodel = "gpt-4.1"\ndeployments = { "gpt-4.1" = "prod-41" }\n',
    );
    assert.equal(slot.baseUrl, 'https://contoso-ai.openai.azure.com');
    assert.equal(slot.apiVersion, 'v1');
    assert.deepEqual(slot.deployments, { 'gpt-4.1': 'prod-41' });
    assert.ok('apiKey' in slot && slot.apiKey.type === 'store');
    assert.equal(slot.displayName, 'Azure OpenAI');
  });

  it('takes a Foundry or gateway endpoint as base_url, without a trailing /openai or /openai/v1', () => {
    assert.equal(
      azureSlot('[providers.azure]\nbase_url = "https://contoso.services.ai.azure.com/openai/v1/"\n').baseUrl,
      'https://contoso.services.ai.azure.com',
    );
    assert.equal(
      azureSlot('[providers.azure]\nbase_url = "https://gw.example.com/azure/openai"\n').baseUrl,
      'https://gw.example.com/azure',
    );
  });

  it('refuses a resource name that would move the host, at its line and column', () => {
    const [error] = errorsOf('[providers.azure]\nresource = "x@evil.example:443/#"\n');
    assert.match(
      error,
      /^2:1 `providers\.azure\.resource`: "x@evil\.example:443\/#" is not an Azure resource name.*host name/,
    );
  });

  it('refuses deployment names that would leave their path segment, and malformed api versions', () => {
    const errors = errorsOf(
      '[providers.azure]\nresource = "contoso"\napi_version = "2024-10-21&x=1"\ndeployments = { "gpt-5" = "../admin", ok = "fine-1" }\n',
    );
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^3:1 .*not an Azure OpenAI api-version/);
    assert.match(errors[1], /^4:.*"\.\.\/admin" is not an Azure deployment name.*request path/);
  });

  it('needs a resource or a base_url, not both; an API key or an Entra command, not both', () => {
    assert.match(errorsOf('[providers.azure]\nmodel = "gpt-5.5"\n')[0], /needs `resource = /);
    assert.match(
      errorsOf('[providers.azure]\nresource = "a1"\nbase_url = "https://a1.openai.azure.com"\n')[0],
      /^3:.*not both/,
    );
    assert.match(
      errorsOf('[providers.azure]\nresource = "a1"\napi_key = "k"\nentra_command = "az account get-access-token"\n')[0],
      /api_key` or `entra_command`, not both/,
    );
  });

  it("an Entra command is the user's credential: a workspace file that names one is withheld until trusted", () => {
    const slots: SlotConfig[] = [
      azureSlot(
        '[providers.azure]\nresource = "contoso"\nentra_command = "az account get-access-token --resource https://cognitiveservices.azure.com -o json"\n',
      ),
    ];
    const own = azureSlot('[providers.azure]\nresource = "contoso"\napi_key = "repo-own-key"\n');
    const withheld = slotsNeedingTrust([...slots, { ...own, id: 'azure-own' }], {
      workspaceFolders: ['/ws'],
      homeDir: '/home/me',
      env: {},
      cwd: '/ws',
    });
    assert.deepEqual([...withheld.keys()], ['azure']);
    assert.match(withheld.get('azure')!, /Microsoft Entra sign-in through `az`/);
  });

  it("a stored key or token goes to Azure's own hosts without asking, anywhere else only after approval", () => {
    const onAzure = azureSlot('[providers.azure]\nresource = "contoso"\n');
    assert.equal(exposureOf(onAzure, undefined), undefined);
    assert.equal(exposureOf({ ...onAzure, baseUrl: 'https://x1.services.ai.azure.com' }, undefined), undefined);
    const gateway = azureSlot('[providers.azure]\nbase_url = "https://gw.example.com"\n');
    assert.deepEqual(exposureOf(gateway, undefined)?.origins, ['https://gw.example.com']);
    const entra = azureSlot(
      '[providers.azure]\nbase_url = "https://contoso.openai.azure.com.evil.example"\nentra_command = "az account get-access-token"\n',
    );
    assert.deepEqual(exposureOf(entra, undefined)?.origins, ['https://contoso.openai.azure.com.evil.example']);
  });
});

describe('[providers.azure] api and the retired Model Inference endpoint', () => {
  it('api = "openai-responses" is kept; "openai-chat" is the default; another value names the choices', () => {
    assert.equal(
      azureSlot('[providers.azure]\nresource = "contoso"\napi = "openai-responses"\n').api,
      'openai-responses',
    );
    assert.equal(azureSlot('[providers.azure]\nresource = "contoso"\napi = "openai-chat"\n').api, undefined);
    const [error] = errorsOf('[providers.azure]\nresource = "contoso"\napi = "anthropic"\n');
    assert.match(error, /^3:1 .*must be one of "openai-chat", "openai-responses", got "anthropic"/);
  });

  it('api = "openai-responses" with a dated api_version is an error at api: Responses is on the v1 path', () => {
    const [error] = errorsOf(
      '[providers.azure]\nresource = "contoso"\napi_version = "2024-10-21"\napi = "openai-responses"\n',
    );
    assert.match(
      error,
      /^4:1 api = "openai-responses" needs the v1 path, but api_version = "2024-10-21" is the dated deployment path: remove api_version or write "preview"$/,
    );
    assert.equal(
      azureSlot('[providers.azure]\nresource = "contoso"\napi_version = "preview"\napi = "openai-responses"\n').api,
      'openai-responses',
    );
  });

  it('a base_url on the retired /models endpoint is an error at its line and column, with the address to write', () => {
    for (const tail of ['/models', '/models/', '/models/chat/completions']) {
      const [error] = errorsOf(
        `[providers.azure]\nmodel = "DeepSeek-R1"\nbase_url = "https://contoso.services.ai.azure.com${tail}"\n`,
      );
      assert.match(
        error,
        /^3:1 https:\/\/contoso\.services\.ai\.azure\.com\/models.* is the retired Azure AI Model Inference endpoint; Foundry models answer on \/openai\/v1: write base_url = "https:\/\/contoso\.services\.ai\.azure\.com"$/,
      );
    }
    assert.equal(
      azureSlot('[providers.azure]\nbase_url = "https://gw.example.com/models"\n').baseUrl,
      'https://gw.example.com/models',
      "a gateway's own path is its business",
    );
  });
});
