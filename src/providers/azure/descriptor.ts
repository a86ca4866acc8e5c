import { entraSecretId } from '../../auth/azure/entraToken';
import type { AzureKeySlot } from '../../config/types';
import { apiKeyCredential } from '../apiKeyCredential';
import type { NativeDescriptor, ProviderNotes } from '../descriptor';
import { WIRE_DIALECTS } from '../openaiCompatible/wireDialect';

/**
 * Azure's own inference hosts: `{resource}.openai.azure.com`, `{resource}.cognitiveservices.azure.com` and the
 * Foundry `{resource}.services.ai.azure.com` (learn.microsoft.com/azure/ai-foundry/openai/reference and
 * …/foundry-models/how-to/inference, checked 2026-12-05). A key or token goes to any of them without asking (they
 * are Microsoft's, whichever resource the file names); any other host, a gateway for one, asks first.
 */
export const AZURE_OWN_HOSTS =
  /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.(?:openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i;

const keyCredential = apiKeyCredential<AzureKeySlot>((slot) => ({ apiVersion: slot.apiVersion }));

/** The first word of the command, for labels ("`az`"); the command is the user's, never the repository's. */
function commandLabel(command: string): string {
  return `your Microsoft Entra sign-in through \`${command.trim().split(/\s+/)[0]}\``;
}

export const azureDescriptor: NativeDescriptor<'azure'> = {
  id: 'azure',
  kind: 'azure',
  name: 'Azure OpenAI',
  group: 'cloud',
  baseUrl: 'https://{resource}.openai.azure.com',
  regions: [
    { name: 'Azure AI Foundry resource (base_url)', baseUrl: 'https://{resource}.services.ai.azure.com' },
    { name: 'Azure AI services resource (base_url)', baseUrl: 'https://{resource}.cognitiveservices.azure.com' },
  ],
  defaultModel: 'gpt-5.5',
  credential: {
    what: 'resource key (`api-key` header) or Microsoft Entra ID token (Bearer, from `entra_command` such as `az account get-access-token`)',
    authOrigins: [],
  },
  slotCredential: {
    userCredential: (slot, context) =>
      slot.entraCommand !== undefined ? commandLabel(slot.entraCommand) : keyCredential.userCredential(slot, context),
    secret(slot, ownBaseUrl) {
      const destinations = [{ url: slot.baseUrl, own: AZURE_OWN_HOSTS }];
      if (slot.entraCommand !== undefined)
        return {
          secretId: entraSecretId(slot.entraCommand),
          secretLabel: commandLabel(slot.entraCommand).replace('sign-in', 'token'),
          destinations,
        };
      const key = keyCredential.secret(slot, ownBaseUrl);
      return key && { ...key, destinations };
    },
    identity: (slot) =>
      slot.entraCommand !== undefined
        ? { entraCommand: entraSecretId(slot.entraCommand), apiVersion: slot.apiVersion }
        : keyCredential.identity(slot),
  },
  dialect: WIRE_DIALECTS.azure,
  models: { kind: 'known' },
  setup: { summary: 'resource key or Entra ID', asks: ['resource', 'model', 'apiKey'] },
};

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const azureNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source:
      'MicrosoftDocs/azure-ai-docs articles/foundry/openai/includes/models-azure-direct-openai.md@469738e (GPT-5.5 series newest); on Azure the model is the deployment name, so this is the name a deployment of it usually has',
  },
  modelsNote:
    'the data plane lists base models, not deployments: the configured model and the keys of `deployments` are offered',
  quirks: [
    'The model is the deployment name; `deployments = { "<model>" = "<deployment>" }` maps other names (learn.microsoft.com/azure/ai-foundry/openai/reference, checked 2026-12-05)',
    '`api_version = "v1"` (default): /openai/v1/…, no api-version; a dated version (e.g. "2024-10-21", the last dated GA) uses /openai/deployments/<deployment>/…?api-version=… (learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle, checked 2026-12-05)',
    'Streams open with a `choices: []` chunk carrying `prompt_filter_results` (AbanteAI/archive-old-cli-mentat#429, checked 2026-12-05); a 400 `code: "content_filter"` becomes an error naming the flagged categories, `finish_reason: "content_filter"` an error after the text that came (openai/openai-python#331, checked 2026-12-05)',
    'Foundry models of every provider (DeepSeek, Grok, Llama, Mistral, MAI) answer on the same /openai/v1 path by their deployment name: the Azure AI Model Inference endpoint (`…services.ai.azure.com/models`) went with the Azure AI Inference SDK, retired 2026-08-26, and a `base_url` ending in `/models` is an error that gives the address to write (learn.microsoft.com/azure/foundry/openai/api-version-lifecycle "Model support" and …/foundry-models/concepts/endpoints, checked 2026-12-06)',
    '`api = "openai-responses"` sends every model to /openai/v1/responses (Microsoft recommends the Responses API for Azure OpenAI models; it also serves Foundry models sold by Azure); codex models go there without it; with a dated api_version it is an error at `api` (learn.microsoft.com/azure/foundry/openai/api-version-lifecycle, checked 2026-12-06). A deployment that refuses Chat Completions (400 OperationNotSupported) gets that fix in its error',
    'Throttling answers carry `retry-after-ms` / `x-ms-retry-after-ms` beside `Retry-After`, the milliseconds preferred (Azure/azure-sdk-for-js core-rest-pipeline throttlingRetryStrategy, checked 2026-12-05)',
  ],
};
