import type { AzureKeySlot } from '../../../src/config/types';
import { azureChatPayloads } from '../../support/wire/azureChat';
import { TEXT_ANSWER } from '../../support/wire/samples';
import { COMMON_FAULTS, STREAM_ERROR_FAULTS } from './faults';
import { SOURCE, sseFrames, type Family, type WireStream } from './family';
import { openaiText } from './httpFamilies';
import { SECRETS } from './secrets';

/** The sample answer as Azure streams it: prompt-filter chunk, OpenAI's chunks with content_filter_results, usage, [DONE]. */
function azureWire(): WireStream {
  const payloads = azureChatPayloads(TEXT_ANSWER);
  return {
    contentType: 'text/event-stream; charset=utf-8',
    frames: sseFrames(payloads),
    firstOutputFrame: payloads.findIndex((payload) => openaiText([payload]).length > 0),
    text: openaiText(payloads),
    malformedFrame: Buffer.from('data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"sev\n\n'),
    errorEventFrame: Buffer.from(
      'data: {"error":{"code":"server_error","message":"The server had an error processing your request."}}\n\n',
    ),
  };
}

/** Azure OpenAI on the v1 path with a resource key (`api-key`); errors in Azure's `{error:{code,message}}` shape. */
export const azureFamily: Family = {
  id: 'azure',
  label: 'Azure OpenAI',
  kind: 'azure',
  faults: [...COMMON_FAULTS, ...STREAM_ERROR_FAULTS],
  wire: azureWire,
  errorBody(status, echo) {
    const quoted = echo ? ` (api-key ${echo})` : '';
    if (status === 401)
      return {
        error: {
          code: '401',
          message: `Access denied due to invalid subscription key or wrong API endpoint.${quoted}`,
        },
      };
    if (status === 429)
      return {
        error: {
          code: '429',
          message: `Requests to the ChatCompletions_Create Operation have exceeded token rate limit. Please retry after 7 seconds.${quoted}`,
        },
      };
    return { error: { code: String(status), message: `The server had an error processing your request.${quoted}` } };
  },
  async setup({ chatBaseUrl }) {
    const slot: AzureKeySlot = {
      id: 'azure',
      kind: 'azure',
      displayName: 'Azure OpenAI',
      model: 'gpt-5.5',
      baseUrl: chatBaseUrl,
      source: SOURCE,
      apiKey: { type: 'literal', value: SECRETS.azureKey },
      apiVersion: 'v1',
      deployments: {},
    };
    const credentialOf = (request: { headers: Record<string, unknown> }) => {
      const key = request.headers['api-key'];
      return typeof key === 'string' ? key : undefined;
    };
    return {
      slot,
      chat: { method: 'POST', path: '/openai/v1/chat/completions' },
      credentialOf,
      knownSecrets: [SECRETS.azureKey],
    };
  },
};
