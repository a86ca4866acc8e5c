import type { AzureApi } from './types';
import type { DiagnosticSink } from './readFields';
import { isDeploymentPathVersion } from './azureNames';

/**
 * `api = "openai-responses"` on [providers.azure]: the Responses API on the v1 path (`/openai/v1/responses`), which
 * Microsoft recommends for Azure OpenAI models and which also serves Foundry models sold by Azure (DeepSeek, Grok,
 * MAI): learn.microsoft.com/azure/foundry/openai/api-version-lifecycle "Model support" (MicrosoftDocs/azure-ai-docs
 * articles/foundry/openai/api-version-lifecycle.md, checked 2026-12-06). A dated api_version selects the classic
 * deployment path, where Skynet sends Chat Completions only: that pair is an error at `api`.
 */
export function azureApiOf(
  api: string | undefined,
  apiVersion: string | undefined,
  sink: DiagnosticSink,
): { api?: AzureApi } {
  if (api !== 'openai-responses') return {};
  if (apiVersion !== undefined && isDeploymentPathVersion(apiVersion))
    sink.error(
      ['providers', 'azure', 'api'],
      `api = "openai-responses" needs the v1 path, but api_version = "${apiVersion}" is the dated deployment path: remove api_version or write "preview"`,
    );
  return { api };
}

/**
 * A `base_url` on an Azure host that ends in `/models` is the Azure AI Model Inference endpoint of the Azure AI
 * Inference SDK, deprecated and retired on August 26, 2026 ("Switch to the generally available OpenAI/v1 API";
 * learn.microsoft.com/azure/foundry/foundry-models/concepts/endpoints and the migration guide
 * …/how-to/model-inference-to-openai-migration: "Change endpoint URLs from .services.ai.azure.com/models to
 * …/openai/v1/"; checked 2026-12-06). The same deployments answer on /openai/v1, which the client adds.
 */
export function retiredAzureInferencePath(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (!/\.azure\.com$/i.test(url.hostname) || !/\/models(\/chat\/completions)?\/*$/i.test(url.pathname))
    return undefined;
  return `${url.origin}${url.pathname} is the retired Azure AI Model Inference endpoint; Foundry models answer on /openai/v1: write base_url = "${url.origin}"`;
}
