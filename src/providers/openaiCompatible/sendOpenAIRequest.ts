import { errorFromResponse, type HttpClient, type HttpResponse, type HttpTimeouts } from '../../util/http';
import type { Logger } from '../../util/logger';
import { withoutSecrets } from '../../util/redact';
import { ProviderError } from '../../util/errors';
import { describeOpenAIHttpError, type OpenAIErrorDescription } from './openaiError';

export interface EndpointSource {
  slotId: string;
  resolveEndpoint(signal?: AbortSignal): Promise<{ baseUrl: string; headers: Record<string, string> }>;
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
  /** How the service's error bodies read (Azure's content filter, deployment errors); OpenAI's when absent. */
  describeError?: (body: unknown, text: string) => OpenAIErrorDescription | undefined;
  http: HttpClient;
  logger: Logger;
  timeouts?: HttpTimeouts;
}

export interface OpenAIHttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, unknown>;
  accept: string;
  signal?: AbortSignal;
}

export interface OpenAIHttpResult {
  response: HttpResponse;
  /** The credential values this request carried, for `withoutSecrets` on errors raised while reading it. */
  secrets: string[];
}

const SECRET_HEADER = /authorization|api-key|token|secret/i;

function secretsOf(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => SECRET_HEADER.test(name))
    .map(([, value]) => value.replace(/^(Bearer|Basic|token)\s+/i, ''))
    .filter((secret) => secret.length >= 6);
}

/** A 404 on a POST that is not about the model: most often a base_url/chat_path that do not meet, so say so. */
function withEndpointHint(error: ProviderError, call: OpenAIHttpCall, url: string): ProviderError {
  if (
    error.status !== 404 ||
    call.method !== 'POST' ||
    error.code === 'model_not_found' ||
    /\bmodel\b/i.test(error.message)
  )
    return error;
  const path = new URL(url).pathname;
  return error.withMessage(
    `${error.message} (nothing answers POST ${path}: check base_url and chat_path; \`skynet check\` explains)`,
  );
}

/**
 * `base` + `path`; a path that starts with `../` is a relative reference resolved against the base (Cohere's and
 * Glama's model lists sit beside their OpenAI-compatible paths), which keeps the base URL's origin.
 */
function joinPath(base: string, path: string): string {
  return path.startsWith('../') ? new URL(path, `${base}/`).toString() : `${base}${path}`;
}

/**
 * Sends one request to the endpoint resolved now (fresh token), and returns the 2xx response for the caller
 * to read. Non-2xx answers become typed ProviderErrors (Retry-After included); a 401 asks `onUnauthorized`
 * once and, when it says so, retries exactly once with a newly resolved endpoint.
 */
export async function sendOpenAIRequest(source: EndpointSource, call: OpenAIHttpCall): Promise<OpenAIHttpResult> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  for (let attempt = 0; ; attempt++) {
    const endpoint = await source.resolveEndpoint(call.signal);
    const url = joinPath(endpoint.baseUrl, call.path);
    const headers: Record<string, string> = {
      accept: call.accept,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...endpoint.headers,
    };
    source.logger.debug('%s %s', call.method, url);
    const response = await source.http.request({
      method: call.method,
      url,
      headers,
      body,
      signal: call.signal,
      timeouts: source.timeouts,
      provider: source.slotId,
    });
    const secrets = secretsOf(headers);
    if (response.status >= 200 && response.status < 300) return { response, secrets };
    const error = withEndpointHint(
      withoutSecrets(
        await errorFromResponse(response, source.slotId, source.describeError ?? describeOpenAIHttpError),
        secrets,
      ),
      call,
      url,
    );
    response.close();
    if (
      response.status === 401 &&
      attempt === 0 &&
      source.onUnauthorized &&
      (await source.onUnauthorized(call.signal))
    ) {
      source.logger.info('401 from %s: retrying once with refreshed credentials', url);
      continue;
    }
    throw error;
  }
}

/** `GET <modelsPath>` through the source (fresh token, 401 retry): the JSON body as the server sent it. */
export async function fetchOpenAIModelsBody(
  source: EndpointSource,
  modelsPath: string,
  signal?: AbortSignal,
): Promise<unknown> {
  const { response } = await sendOpenAIRequest(source, {
    method: 'GET',
    path: modelsPath,
    accept: 'application/json',
    signal,
  });
  return response.json();
}
