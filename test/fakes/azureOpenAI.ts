import type { ServerResponse } from 'node:http';
import { azureChatPayloads } from '../support/wire/azureChat';
import { responsesPayloads } from '../support/wire/openaiResponses';
import type { WireEvent } from '../support/wire/events';
import { TEXT_ANSWER } from '../support/wire/samples';
import type { FakeHandler, RecordedRequest } from './fakeServer';
import { replaySse, replyError, sseFromPayloads } from './wire';

/**
 * A fake Azure OpenAI resource enforcing what the real one enforces (each rule's source beside it, checked
 * 2026-12-05). Paths: `/openai/deployments/{deployment}/chat/completions?api-version=…` (classic),
 * `/openai/v1/chat/completions` and `/openai/v1/responses` (v1, the deployment as the body's `model`; Responses
 * on the v1 path as learn.microsoft.com/azure/foundry/openai/api-version-lifecycle shows it, checked 2026-12-06).
 */
export interface AzureFakeOptions {
  /** The resource key the `api-key` header must carry. */
  apiKey?: string;
  /** Entra ID tokens the `Authorization: Bearer` header may carry. */
  tokens?: string[];
  deployments: string[];
  /** What each answer says (default TEXT_ANSWER). */
  answer?: WireEvent[];
  /** A prompt containing this is refused by the content filter (400 content_filter). */
  blockedWord?: string;
  /** Deployments of models without Chat Completions (codex): chat is refused 400 OperationNotSupported. */
  responsesOnly?: string[];
}

/** Dated api-versions a classic deployment path takes (a sample of the GA and preview ones, learn.microsoft.com/azure/ai-foundry/openai/reference). */
const DATED_VERSIONS = new Set(['2024-06-01', '2024-10-21', '2025-01-01-preview', '2025-04-01-preview']);

/** Azure's 401 body, also for a token it refuses (SciSharp/BotSharp#386, microsoft/genaiscript#781 with `az login`). */
const UNAUTHORIZED = {
  error: {
    code: '401',
    message:
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  },
};
const RESOURCE_NOT_FOUND = { error: { code: '404', message: 'Resource not found' } };
const VERSION_NOT_SUPPORTED = { error: { code: 'BadRequest', message: 'API version not supported' } };
const DEPLOYMENT_NOT_FOUND = {
  error: {
    code: 'DeploymentNotFound',
    message:
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
  },
};

function contentFilterRefusal(category: string): unknown {
  const safe = { filtered: false, severity: 'safe' };
  return {
    error: {
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
      type: null,
      param: 'prompt',
      code: 'content_filter',
      status: 400,
      innererror: {
        code: 'ResponsibleAIPolicyViolation',
        content_filter_result: {
          hate: safe,
          jailbreak: { filtered: false, detected: false },
          self_harm: safe,
          sexual: safe,
          violence: safe,
          [category]: { filtered: true, severity: 'medium' },
        },
      },
    },
  };
}

function authorized(request: RecordedRequest, options: AzureFakeOptions): boolean {
  const key = request.headers['api-key'];
  if (typeof key === 'string') return key === options.apiKey;
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  return bearer !== undefined && (options.tokens ?? []).includes(bearer);
}

/** The route a request took, or the refusal Azure gives for its path and api-version. */
function routeOf(
  request: RecordedRequest,
): { deployment?: string; api: 'chat' | 'responses' } | { status: number; body: unknown } {
  const url = new URL(request.url, 'http://fake');
  const version = url.searchParams.get('api-version');
  const classic = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
  if (classic) {
    // Without api-version Azure answers 404 Resource not found (MicrosoftDocs/azure-docs#114602), and an unknown one 400.
    if (version === null) return { status: 404, body: RESOURCE_NOT_FOUND };
    if (!DATED_VERSIONS.has(version)) return { status: 400, body: VERSION_NOT_SUPPORTED };
    return { deployment: decodeURIComponent(classic[1]), api: 'chat' };
  }
  const v1 = /^\/openai\/v1\/(chat\/completions|responses)$/.exec(url.pathname);
  if (v1) {
    // v1 GA takes no api-version; `preview` selects the preview surface; dated versions belong to the classic path
    // (learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle; mastra-ai/mastra#16246).
    if (version !== null && version !== 'preview' && version !== 'latest')
      return { status: 400, body: VERSION_NOT_SUPPORTED };
    return {
      deployment: typeof request.json?.model === 'string' ? request.json.model : undefined,
      api: v1[1] === 'responses' ? 'responses' : 'chat',
    };
  }
  return { status: 404, body: RESOURCE_NOT_FOUND };
}

function promptText(body: any): string {
  return JSON.stringify(body?.messages ?? body?.input ?? '');
}

/** The handler of a fake Azure resource (pass it to startFakeServer as the fallback). */
export function azureOpenAIHandler(options: AzureFakeOptions): FakeHandler {
  return async (request: RecordedRequest, response: ServerResponse) => {
    if (request.method !== 'POST') return replyError(response, 404, RESOURCE_NOT_FOUND);
    if (!authorized(request, options)) return replyError(response, 401, UNAUTHORIZED);
    const route = routeOf(request);
    if ('status' in route) return replyError(response, route.status, route.body);
    if (route.deployment === undefined)
      return replyError(response, 400, { error: { code: 'BadRequest', message: 'model is required' } });
    if (!options.deployments.includes(route.deployment)) return replyError(response, 404, DEPLOYMENT_NOT_FOUND);
    if (options.blockedWord && promptText(request.json).includes(options.blockedWord))
      return replyError(response, 400, contentFilterRefusal('violence'));
    // Reasoning deployments refuse max_tokens (learn.microsoft.com/azure/foundry/openai/how-to/reasoning).
    if (/(^|[-_.])(o\d|gpt-5)/.test(route.deployment) && request.json?.max_tokens !== undefined) {
      return replyError(response, 400, {
        error: {
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
          type: 'invalid_request_error',
          param: 'max_tokens',
          code: 'unsupported_parameter',
        },
      });
    }
    const answer = options.answer ?? TEXT_ANSWER;
    if (route.api === 'responses') {
      // The Responses body is `input`, never Chat Completions' `messages` (OpenAI's 400 for a missing parameter).
      if (request.json?.input === undefined || request.json?.messages !== undefined)
        return replyError(response, 400, {
          error: { message: "Missing required parameter: 'input'.", type: 'invalid_request_error', param: 'input' },
        });
      return replaySse(response, sseFromPayloads(responsesPayloads(answer, { model: route.deployment })));
    }
    if (options.responsesOnly?.includes(route.deployment))
      return replyError(response, 400, {
        error: {
          code: 'OperationNotSupported',
          message: `The chatCompletion operation does not work with the specified model, ${route.deployment}. Please choose different model and try again. You can learn more about which models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993.`,
        },
      });
    const flagged = answer.some((event) => event.type === 'finish' && event.reason === 'content-filter')
      ? { violence: { filtered: true, severity: 'medium' } }
      : undefined;
    await replaySse(response, sseFromPayloads(azureChatPayloads(answer, { flagged })));
  };
}
