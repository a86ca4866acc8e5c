import type { AwsAuth } from '../../auth/aws/awsCredentials';
import { signAwsRequest } from '../../auth/aws/sigv4';
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
  if (url.hostname.startsWith('bedrock-runtime.'))
    url.hostname = `bedrock.${url.hostname.slice('bedrock-runtime.'.length)}`;
  return url.toString().replace(/\/+$/, '');
}

interface InferenceProfileSummary {
  inferenceProfileId?: string;
  inferenceProfileName?: string;
  status?: string;
  models?: Array<{ modelArn?: string }>;
}

/**
 * A signed GET on the control plane: the JSON body, or undefined when these credentials may not (403) or, with
 * `optional`, when the host has no such list (404: a proxy or VPC endpoint that serves only part of the API).
 */
async function signedGet<T>(
  slot: BedrockSlot,
  auth: Extract<AwsAuth, { type: 'sigv4' }>,
  deps: ProviderDeps,
  path: string,
  signal: AbortSignal | undefined,
  optional = false,
): Promise<T | undefined> {
  const url = `${bedrockControlPlane(slot, auth.region)}${path}`;
  const headers = await signAwsRequest({
    method: 'GET',
    url,
    headers: { accept: 'application/json' },
    credentials: auth.credentials,
    region: auth.region,
    service: 'bedrock',
    now: deps.now(),
  });
  const response = await deps.http.request({ method: 'GET', url, headers, signal, provider: slot.id });
  if (response.status === 200) return response.json<T>();
  const error = await bedrockErrorFromResponse(response, slot.id, deps.now());
  if (
    (response.status === 403 && error.kind === 'auth' && error.code !== 'InvalidSignatureException') ||
    (optional && response.status === 404)
  ) {
    deps.logger.child(slot.id).info('Cannot list Bedrock %s (%s)', path.split('?')[0], error.message);
    return undefined;
  }
  throw error;
}

const foundationModelOf = (arn: string | undefined): string | undefined => arn?.split('foundation-model/')[1];

/**
 * The configured model first, then the active text models that stream on demand (ListFoundationModels), then the
 * system inference profiles (ListInferenceProfiles, `GET /inference-profiles?maxResults=1000&type=SYSTEM_DEFINED`,
 * docs.aws.amazon.com/bedrock/latest/APIReference/API_ListInferenceProfiles.html, checked 2026-12-05): current
 * Claude models answer only through a profile id (`us.…`, `global.…`), so the ON_DEMAND filter alone hid them.
 * With a Bedrock API key, or when the credentials may not list foundation models (403), the configured model alone.
 */
export async function listBedrockModels(
  slot: BedrockSlot,
  auth: AwsAuth,
  deps: ProviderDeps,
  signal?: AbortSignal,
): Promise<ModelInfo[]> {
  const configured: ModelInfo = { id: slot.model };
  if (auth.type !== 'sigv4') return [configured];
  const body = await signedGet<{ modelSummaries?: FoundationModelSummary[] }>(
    slot,
    auth,
    deps,
    '/foundation-models?byOutputModality=TEXT',
    signal,
  );
  if (body === undefined) return [configured];
  if (!body || !Array.isArray(body.modelSummaries))
    throw new ProviderError({
      kind: 'invalid-response',
      slot: slot.id,
      message: 'Bedrock listed models without modelSummaries',
    });
  const models: ModelInfo[] = [configured];
  const vision = new Map<string, boolean>();
  for (const summary of body.modelSummaries) {
    if (summary.modelId) vision.set(summary.modelId, summary.inputModalities?.includes('IMAGE') ?? false);
    if (!summary.modelId || summary.modelId === slot.model) continue;
    if (summary.responseStreamingSupported === false || summary.modelLifecycle?.status === 'LEGACY') continue;
    if (summary.inferenceTypesSupported && !summary.inferenceTypesSupported.includes('ON_DEMAND')) continue;
    models.push({
      id: summary.modelId,
      ...(summary.modelName
        ? { name: summary.providerName ? `${summary.providerName} ${summary.modelName}` : summary.modelName }
        : {}),
      capabilities: { vision: summary.inputModalities?.includes('IMAGE') ?? false },
    });
  }
  const profiles = await signedGet<{ inferenceProfileSummaries?: InferenceProfileSummary[] }>(
    slot,
    auth,
    deps,
    '/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED',
    signal,
    true,
  );
  for (const profile of Array.isArray(profiles?.inferenceProfileSummaries) ? profiles.inferenceProfileSummaries : []) {
    const id = profile.inferenceProfileId;
    if (!id || id === slot.model || (profile.status && profile.status !== 'ACTIVE')) continue;
    // A profile routes to foundation models that must themselves produce text (the first list has only those).
    const target = foundationModelOf(profile.models?.[0]?.modelArn);
    if (target !== undefined && !vision.has(target)) continue;
    models.push({
      id,
      ...(profile.inferenceProfileName ? { name: profile.inferenceProfileName } : {}),
      capabilities: { vision: target ? (vision.get(target) ?? false) : false },
    });
  }
  return models;
}
