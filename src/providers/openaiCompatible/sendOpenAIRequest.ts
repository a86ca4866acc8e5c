import { errorFromResponse, type HttpClient, type HttpResponse, type HttpTimeouts } from '../../util/http';
import type { Logger } from '../../util/logger';
import type { ProviderError } from '../../util/errors';
import { describeOpenAIHttpError } from './openaiError';

export interface EndpointSource {
  slotId: string;
  resolveEndpoint(signal?: AbortSignal): Promise<{ baseUrl: string; headers: Record<string, string> }>;
  onUnauthorized?(signal?: AbortSignal): Promise<boolean>;
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

const SECRET_HEADER = /authorization|api-key|token|secret/i;

/** Servers sometimes echo the credential in error messages; cut every credential header value out. */
function scrubSecrets(error: ProviderError, headers: Record<string, string>): ProviderError {
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) continue;
    const secret = value.replace(/^(Bearer|Basic|token)\s+/i, '');
    if (secret.length >= 6) error.message = error.message.split(secret).join('‹redacted›');
  }
  return error;
}

/**
 * Sends one request to the endpoint resolved now (fresh token), and returns the 2xx response for the caller
 * to read. Non-2xx answers become typed ProviderErrors (Retry-After included); a 401 asks `onUnauthorized`
 * once and, when it says so, retries exactly once with a newly resolved endpoint.
 */
export async function sendOpenAIRequest(source: EndpointSource, call: OpenAIHttpCall): Promise<HttpResponse> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  for (let attempt = 0; ; attempt++) {
    const endpoint = await source.resolveEndpoint(call.signal);
    const url = `${endpoint.baseUrl}${call.path}`;
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
    if (response.status >= 200 && response.status < 300) return response;
    const error = scrubSecrets(await errorFromResponse(response, source.slotId, describeOpenAIHttpError), headers);
    response.close();
    if (response.status === 401 && attempt === 0 && source.onUnauthorized && (await source.onUnauthorized(call.signal))) {
      source.logger.info('401 from %s: retrying once with refreshed credentials', url);
      continue;
    }
    throw error;
  }
}
