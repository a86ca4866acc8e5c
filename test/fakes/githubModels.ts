import type { HttpClient } from '../../src/util/http';
import type { FakeHandler } from './fakeServer';
import { openaiChunk, replaySse, replyError, sseFromPayloads } from './wire';

/** Catalog entries in the shape docs.github.com/en/rest/models/catalog shows (checked 2026-12-05). */
export const GITHUB_CATALOG = [
  {
    id: 'openai/gpt-4.1',
    name: 'OpenAI GPT-4.1',
    publisher: 'OpenAI',
    registry: 'azure-openai',
    capabilities: ['streaming', 'tool-calling'],
    limits: { max_input_tokens: 1048576, max_output_tokens: 32768 },
    rate_limit_tier: 'high',
    supported_input_modalities: ['text', 'image', 'audio'],
    supported_output_modalities: ['text'],
    tags: ['multipurpose'],
  },
  {
    id: 'openai/text-embedding-3-small',
    name: 'OpenAI Text Embedding 3 (small)',
    publisher: 'OpenAI',
    capabilities: [],
    limits: { max_input_tokens: 8191 },
    rate_limit_tier: 'embeddings',
    supported_input_modalities: ['text'],
    supported_output_modalities: ['embeddings'],
  },
];

/**
 * GitHub Models as it answers (checked 2026-12-05): chat at /inference/chat/completions and
 * /orgs/{org}/inference/chat/completions with a GitHub token; a token without the models permission gets 401
 * "Resource not accessible by integration" (github/gh-models#35); past its per-minute limit a token gets 429
 * RateLimitReached with the wait only in the message (kobzevvv/candidates-video-answers RATE_LIMITS_GUIDE.md).
 */
export function githubModels(options: {
  tokens: readonly string[];
  withoutModelsPermission?: readonly string[];
  perMinute: number;
  orgs?: readonly string[];
}): FakeHandler {
  const used = new Map<string, number>();
  return (request, response) => {
    const path = request.url.split('?')[0];
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (options.withoutModelsPermission?.includes(token)) {
      return replyError(response, 401, {
        error: {
          code: 'unauthorized',
          message: 'Resource not accessible by integration',
          details: 'Resource not accessible by integration',
        },
      });
    }
    if (!options.tokens.includes(token))
      return replyError(response, 401, {
        error: { code: 'unauthorized', message: 'Bad credentials', details: 'Bad credentials' },
      });
    if (request.method === 'GET' && path === '/catalog/models') return replyError(response, 200, GITHUB_CATALOG);
    const org = /^\/orgs\/([^/]+)\/inference\/chat\/completions$/.exec(path)?.[1];
    if (
      request.method !== 'POST' ||
      !(path === '/inference/chat/completions' || (org && options.orgs?.includes(org)))
    ) {
      return replyError(response, 404, { error: { code: 'not_found', message: `Not Found: ${path}` } });
    }
    const model = String(request.json?.model);
    const count = (used.get(`${token} ${model}`) ?? 0) + 1;
    used.set(`${token} ${model}`, count);
    if (count > options.perMinute) {
      const message = `Rate limit of ${options.perMinute} per 60s exceeded for UserByModelByMinute. Please wait 46 seconds before retrying.`;
      return replyError(response, 429, { error: { code: 'RateLimitReached', message, details: message } });
    }
    void replaySse(
      response,
      sseFromPayloads([openaiChunk({ role: 'assistant', content: `${model}${org ? ` for ${org}` : ''}` }, 'stop')]),
    );
  };
}

/** An HTTP client that sends what is meant for `origin` to `to` instead: the slot keeps its real address. */
export function redirectOrigin(http: HttpClient, origin: string, to: string): HttpClient {
  return {
    request: (request) =>
      http.request(
        request.url.startsWith(origin) ? { ...request, url: to + request.url.slice(origin.length) } : request,
      ),
  };
}
