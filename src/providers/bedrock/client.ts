import { resolveAwsAuth, type AwsAuth } from '../../auth/aws/awsCredentials';
import { createAwsCredentialCache } from '../../auth/aws/awsCredentialCache';
import { signAwsRequest } from '../../auth/aws/sigv4';
import type { BedrockSlot } from '../../config/types';
import { readEventStreamBatches } from '../../util/eventStream';
import type { HttpResponse } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import type {
  ChatEvent,
  ChatRequest,
  ChatResult,
  ModelInfo,
  ProviderClient,
  ProviderDeps,
  RequestOptions,
} from '../types';
import { BEDROCK_SIGNING_SERVICE, bedrockEndpoint, bedrockModelPath } from './bedrockUrl';
import { bedrockErrorFromResponse } from './bedrockError';
import { parseBedrockStreamBatches } from './bedrockStream';
import { batchedClient } from '../eventBatches';
import { convertFromBedrockResponse } from './convertFromBedrockResponse';
import { convertToBedrockRequest } from './convertToBedrockMessages';
import { listBedrockModels } from './listBedrockModels';

function secretsOf(auth: AwsAuth): Array<string | undefined> {
  return auth.type === 'bearer' ? [auth.token] : [auth.credentials.secretAccessKey, auth.credentials.sessionToken];
}

/** Bedrock Converse / ConverseStream client. Credentials are resolved per request; no per-request state is kept. */
export function createBedrockClient(slot: BedrockSlot, deps: ProviderDeps): ProviderClient {
  const provider = slot.id;
  const log = deps.logger.child(provider);
  /** Credentials a profile fetches (credential_process, SSO, AssumeRole), kept for this client only. */
  const fetched = createAwsCredentialCache();
  const authFor = (signal: AbortSignal | undefined): Promise<AwsAuth> =>
    resolveAwsAuth(
      { region: slot.region, profile: slot.profile, env: deps.env, homeDir: deps.homeDir, now: deps.now },
      provider,
      { http: deps.http, cache: fetched, signal },
    );

  async function post(
    request: ChatRequest,
    stream: boolean,
    signal: AbortSignal | undefined,
  ): Promise<{ response: HttpResponse; auth: AwsAuth }> {
    const auth = await authFor(signal);
    const model = request.model ?? slot.model;
    const url = `${bedrockEndpoint(slot, auth.region)}${bedrockModelPath(model, stream ? 'converse-stream' : 'converse')}`;
    const body = JSON.stringify(convertToBedrockRequest(request, model, { promptCaching: slot.promptCaching }));
    const baseHeaders: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    };
    const headers =
      auth.type === 'bearer'
        ? { ...baseHeaders, authorization: `Bearer ${auth.token}` }
        : await signAwsRequest({
            method: 'POST',
            url,
            headers: baseHeaders,
            body,
            credentials: auth.credentials,
            region: auth.region,
            service: BEDROCK_SIGNING_SERVICE,
            now: deps.now(),
          });
    log.debug('POST %s stream=%s auth=%s', url, stream, auth.source);
    const response = await deps.http.request({ method: 'POST', url, headers, body, signal, provider });
    if (response.status < 200 || response.status >= 300) {
      const error = await bedrockErrorFromResponse(response, provider, deps.now());
      // Fetched credentials the service calls expired or unknown are fetched afresh by the next request.
      if (error.code && /ExpiredToken|UnrecognizedClient/.test(error.code)) fetched.clear();
      throw withoutSecrets(error, secretsOf(auth));
    }
    return { response, auth };
  }

  return batchedClient({
    slotId: provider,

    async *streamChatBatches(request: ChatRequest, options: RequestOptions = {}): AsyncGenerator<ChatEvent[]> {
      const { response, auth } = await post(request, true, options.signal);
      try {
        yield* parseBedrockStreamBatches(readEventStreamBatches(response.body, provider), provider);
      } catch (error) {
        throw withoutSecrets(error, secretsOf(auth));
      } finally {
        response.close();
      }
    },

    async send(request: ChatRequest, options: RequestOptions = {}): Promise<ChatResult> {
      const { response, auth } = await post(request, false, options.signal);
      try {
        return convertFromBedrockResponse(await response.json(), provider);
      } catch (error) {
        throw withoutSecrets(error, secretsOf(auth));
      }
    },

    async listModels(options: RequestOptions = {}): Promise<ModelInfo[]> {
      const auth = await authFor(options.signal);
      try {
        return await listBedrockModels(slot, auth, deps, options.signal);
      } catch (error) {
        throw withoutSecrets(error, secretsOf(auth));
      }
    },
  });
}
