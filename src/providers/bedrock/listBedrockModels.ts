import type { AwsAuth } from '../../auth/awsCredentials';
import { signAwsRequest } from '../../auth/sigv4';
import type { BedrockSlot } from '../../config/types';
import { ProviderError } from '../../util/errors';
import type { ModelInfo, ProviderDeps } from '../types';
import { bedrockErrorFromResponse } from './bedrockError';
import { bedrockEndpoint } from './bedrockUrl';

interface FoundationModelSummary {
  modelId?: string;
  modelName?: string;
  providerName?: string;
  inputModalities?: string[];
  outputModalities?: string[];
  responseStreamingSupported?: boolean;
  inferenceTypesSupported?: string[];
  modelLifecycle?: { status?: string };
}

/**
 * ListFoundationModels lives on the control-plane host `bedrock.{region}.amazonaws.com`, not on the runtime.
 * A `bedrock-runtime.` base maps to its `bedrock.` sibling; any other base (VPC endpoint, proxy) is used as is.
 */
export function bedrockControlPlane(slot: Pick<BedrockSlot, 'baseUrl'>, region: string): string {
  const url = new URL(bedrockEndpoint(slot, region));
  if (url.hostname.startsWith('bedrock-runtime.')) url.hostname = `bedrock.${url.hostname.slice('bedrock-runtime.'.length)}`;
  return url.toString().replace(/\/+$/, '');
}

/**
 * The configured model first, then the active text models that stream, from ListFoundationModels (SigV4).
 * With a Bedrock API key, or when the credentials may not list models (403), the configured model alone.
 */
export async function listBedrockModels(slot: BedrockSlot, auth: AwsAuth, deps: ProviderDeps, signal?: AbortSignal): Promise<ModelInfo[]> {
  const configured: ModelInfo = { id: slot.model };
  if (auth.type !== 'sigv4') return [configured];
  const url = `${bedrockControlPlane(slot, auth.region)}/foundation-models?byOutputModality=TEXT`;
  const headers = await signAwsRequest({ method: 'GET', url, headers: { accept: 'application/json' }, credentials: auth.credentials, region: auth.region, service: 'bedrock', now: deps.now() });
  const response = await deps.http.request({ method: 'GET', url, headers, signal, provider: slot.id });
  if (response.status !== 200) {
    const error = await bedrockErrorFromResponse(response, slot.id, deps.now());
    if (error.kind === 'auth' && response.status === 403 && error.code !== 'InvalidSignatureException') {
      deps.logger.child(slot.id).info('Cannot list Bedrock models (%s); offering the configured model only', error.message);
      return [configured];
    }
    throw error;
  }
  const body = await response.json<{ modelSummaries?: FoundationModelSummary[] }>();
  if (!body || !Array.isArray(body.modelSummaries)) throw new ProviderError({ kind: 'invalid-response', slot: slot.id, message: 'Bedrock listed models without modelSummaries' });
  const models: ModelInfo[] = [configured];
  for (const summary of body.modelSummaries) {
    if (!summary.modelId || summary.modelId === slot.model) continue;
    if (summary.responseStreamingSupported === false || summary.modelLifecycle?.status === 'LEGACY') continue;
    if (summary.inferenceTypesSupported && !summary.inferenceTypesSupported.includes('ON_DEMAND')) continue;
    models.push({
      id: summary.modelId,
      ...(summary.modelName ? { name: summary.providerName ? `${summary.providerName} ${summary.modelName}` : summary.modelName } : {}),
      capabilities: { vision: summary.inputModalities?.includes('IMAGE') ?? false },
    });
  }
  return models;
}
