import type { FakeHandler } from './fakeServer';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from './wire';

/**
 * Workers AI's OpenAI-compatible API as Cloudflare answers it (checked 2026-12-05): only
 * `/client/v4/accounts/<account>/ai/v1/chat/completions` of an account the token belongs to, Cloudflare's envelope
 * for every refusal: 404 code 7003 for another account or path (anomalyco/opencode#18552, #23773), 401 code 10000
 * for a wrong token (anomalyco/opencode#32051), 405 code 7001 for GET …/ai/v1/models
 * (jekalmin/extended_openai_conversation#228), 400 code 5007 for a model it does not have.
 */
export function cloudflareWorkersAi(options: {
  accountId: string;
  token: string;
  models: readonly string[];
}): FakeHandler {
  const refuse = (response: Parameters<FakeHandler>[1], status: number, code: number, message: string) =>
    replyError(response, status, { result: null, success: false, errors: [{ code, message }], messages: [] });
  return (request, response) => {
    const path = request.url.split('?')[0];
    const chat = `/client/v4/accounts/${options.accountId}/ai/v1/chat/completions`;
    if (request.method === 'GET' && path.endsWith('/ai/v1/models'))
      return refuse(response, 405, 7001, 'GET not supported for requested URI.');
    if (request.method !== 'POST' || path !== chat)
      return refuse(response, 404, 7003, `Could not route to ${path}, perhaps your object identifier is invalid?`);
    if (request.headers.authorization !== `Bearer ${options.token}`)
      return refuse(response, 401, 10000, 'Authentication error');
    const model = String(request.json?.model);
    if (!options.models.includes(model)) return refuse(response, 400, 5007, `No such model ${model} or task`);
    void replaySse(
      response,
      sseFromPayloads([openaiChunk({ role: 'assistant', content: `hello from ${model}` }, 'stop')]),
    );
  };
}
