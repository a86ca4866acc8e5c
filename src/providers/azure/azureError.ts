import { ProviderError } from '../../util/errors';
import { cutText } from '../../util/redact';
import { describeOpenAIHttpError, type OpenAIErrorDescription } from '../openaiCompatible/openaiError';
import type { ChatEventBatch } from '../eventBatches';

/**
 * How Azure OpenAI's error bodies read: `{"error":{"code","message","innererror"}}`, with `code` a word
 * (`DeploymentNotFound`, `content_filter`, `BadRequest`) or a status as text (`"401"`, `"404"`, `"429"`).
 * Shapes checked 2026-12-05 against answers quoted in public issues:
 * - DeploymentNotFound, 404: MicrosoftDocs/azure-docs#114013, chatboxai/chatbox#646;
 * - a deployment path without api-version, 404 `{"code":"404","message":"Resource not found"}`:
 *   MicrosoftDocs/azure-docs#114602, ThinkInAIXYZ/deepchat#262;
 * - an api-version the path does not take, 400 `{"code":"BadRequest","message":"API version not supported"}`:
 *   hotovo/aider-desk#460, earendil-works/pi#2528;
 * - a prompt the content filter refused, 400 `code: "content_filter"` with `innererror.code:
 *   "ResponsibleAIPolicyViolation"` and `innererror.content_filter_result.{hate,jailbreak,self_harm,sexual,
 *   violence}`: openai/openai-python#331, tatsu-lab/alpaca_eval#430, microsoft/TinyTroupe#85.
 */

type Json = Record<string, unknown>;

function errorObject(body: unknown): Json | undefined {
  const error = body && typeof body === 'object' ? (body as Json).error : undefined;
  return error && typeof error === 'object' ? (error as Json) : undefined;
}

/** `violence: medium, jailbreak detected`: the categories the filter flagged, from a `content_filter_result(s)` object. */
export function filteredCategories(results: unknown): string {
  if (!results || typeof results !== 'object') return '';
  const flagged: string[] = [];
  for (const [category, value] of Object.entries(results as Json)) {
    if (!value || typeof value !== 'object' || (value as Json).filtered !== true) continue;
    const { severity, detected } = value as Json;
    const name = category.replace(/_/g, ' ');
    flagged.push(typeof severity === 'string' ? `${name}: ${severity}` : detected === true ? `${name} detected` : name);
  }
  return cutText(flagged.join(', '), 200);
}

export interface AzureErrorContext {
  deployment: string;
  apiVersion: string;
}

/** Azure's error bodies → what the error says and which kind it is; everything else reads like OpenAI's. */
export function describeAzureHttpError(
  context: AzureErrorContext,
): (body: unknown, text: string) => OpenAIErrorDescription | undefined {
  return (body) => {
    const error = errorObject(body);
    const code = typeof error?.code === 'string' ? error.code : undefined;
    const message = typeof error?.message === 'string' ? error.message : '';
    if (code === 'DeploymentNotFound') {
      return {
        kind: 'not-found',
        code,
        message: `this Azure resource has no deployment "${context.deployment}" (DeploymentNotFound): deploy it, or map the model to an existing deployment in [providers.azure] deployments (a deployment made in the last 5 minutes may not answer yet)`,
      };
    }
    if (code === 'content_filter') {
      const inner = error?.innererror && typeof error.innererror === 'object' ? (error.innererror as Json) : undefined;
      const categories = filteredCategories(inner?.content_filter_result);
      return {
        kind: 'bad-request',
        code,
        message: `Azure's content filter refused the prompt${categories ? ` (${categories})` : ''}; change the prompt or the deployment's content filter`,
      };
    }
    // A deployment of a model that has no Chat Completions (codex, …): 400 OperationNotSupported, "The chatCompletion
    // operation does not work with the specified model, <deployment>" (sst/opencode#13999 for codex; the body
    // `{"error":{"code":"OperationNotSupported","message":…}}` as Azure OpenAI simulators' tests quote it; checked 2026-12-06).
    if (code === 'OperationNotSupported' && /chatCompletion operation/i.test(message)) {
      return {
        kind: 'bad-request',
        code,
        message: `deployment "${context.deployment}" has no Chat Completions (OperationNotSupported): set api = "openai-responses" in [providers.azure]`,
      };
    }
    if (/api version not supported/i.test(message)) {
      const fix = /^\d/.test(context.apiVersion)
        ? 'use a version this resource takes (e.g. "2024-10-21"), or "v1"'
        : 'the v1 path takes no dated api-version';
      return {
        kind: 'bad-request',
        code: code ?? 'BadRequest',
        message: `${cutText(message, 200)} (api_version = "${context.apiVersion}" in [providers.azure]: ${fix})`,
      };
    }
    if (code === '404' && /resource not found/i.test(message)) {
      return {
        kind: 'not-found',
        code,
        message: `${message}: check \`resource\`/\`base_url\` and \`api_version\` in [providers.azure]`,
      };
    }
    return describeOpenAIHttpError(body);
  };
}

/**
 * The answer stopped by the content filter (`finish_reason: "content_filter"`) as a typed error instead of a quiet
 * end, so the user learns why the text stops: the events before it are handed on, the router keeps them and shows
 * this once.
 */
export async function* withContentFilterError(
  batches: AsyncIterable<ChatEventBatch>,
  slot: string,
): AsyncGenerator<ChatEventBatch> {
  for await (const batch of batches) {
    const stop = batch.findIndex((event) => event.type === 'finish' && event.reason === 'content-filter');
    if (stop < 0) {
      yield batch;
      continue;
    }
    if (stop > 0) yield batch.slice(0, stop);
    throw contentFilterFinishError(slot);
  }
}

export function contentFilterFinishError(slot: string): ProviderError {
  return new ProviderError({
    kind: 'bad-request',
    slot,
    code: 'content_filter',
    message:
      "Azure's content filter stopped the answer (finish_reason content_filter); the flagged categories are in the deployment's content filter results",
  });
}
