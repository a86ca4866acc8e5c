import { findApiKey } from '../../auth/apiKey';
import type { SlotConfig, TemplateValue } from '../../config/types';
import type { HttpClient, HttpRequest } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import type { ChatRequest, ProviderClient, ProviderDeps, RequestOptions } from '../types';
import { checkResolvedHeader, resolveTemplate, type TemplateContext } from './resolveTemplate';
import { isSlotApiUrl } from './slotApiOrigin';
import { batchedClient, chatEventBatches } from '../eventBatches';

type Table = Record<string, TemplateValue> | undefined;

function contextFor(slot: SlotConfig, deps: ProviderDeps): TemplateContext {
  return {
    slotId: slot.id,
    env: deps.env,
    key: async () => ('apiKey' in slot ? findApiKey(slot.id, slot.apiKey, deps) : undefined),
  };
}

async function resolveAll(
  table: Table,
  label: string,
  context: TemplateContext,
): Promise<Array<[string, string, boolean]>> {
  const entries = Object.entries(table ?? {});
  return Promise.all(
    entries.map(
      async ([name, value]) =>
        [name, await resolveTemplate(value, `${label} ${name}`, context), value.secret] as [string, string, boolean],
    ),
  );
}

/** The secret values a slot's headers and query carry now (unset references skipped), for redacting errors. */
async function secretValues(slot: SlotConfig, context: TemplateContext): Promise<string[]> {
  const secrets: string[] = [];
  for (const table of [slot.headers, slot.query]) {
    for (const [name, value] of Object.entries(table ?? {})) {
      if (!value.secret) continue;
      const resolved = await resolveTemplate(value, name, context).catch(() => undefined);
      if (resolved) secrets.push(resolved, resolved.replace(/^(Bearer|Basic|token)\s+/i, ''));
    }
  }
  return secrets;
}

/** Adds the slot's headers (replacing the client's own of the same name, case aside) and query to one request. */
async function decorate(
  request: HttpRequest,
  slot: SlotConfig,
  context: TemplateContext,
): Promise<{ request: HttpRequest; secrets: string[] }> {
  const [headers, query] = await Promise.all([
    resolveAll(slot.headers, 'Header', context),
    resolveAll(slot.query, 'Query parameter', context),
  ]);
  const merged: Record<string, string> = { ...request.headers };
  for (const [name, value] of headers) {
    checkResolvedHeader(slot.id, name, value);
    for (const existing of Object.keys(merged))
      if (existing.toLowerCase() === name.toLowerCase()) delete merged[existing];
    merged[name] = value;
  }
  const url = new URL(request.url);
  for (const [name, value] of query) url.searchParams.set(name, value);
  const secrets = [...headers, ...query].filter(([, , secret]) => secret).map(([, value]) => value);
  return { request: { ...request, headers: merged, url: query.length ? url.toString() : request.url }, secrets };
}

/**
 * The HTTP client a slot's provider client uses: requests to the slot's API origin carry its `headers` and `query`;
 * requests anywhere else (sign-in, token exchange) go out untouched, so a credential header never leaves its origin.
 */
export function withSlotExtrasHttp(http: HttpClient, slot: SlotConfig, deps: ProviderDeps): HttpClient {
  if (!slot.headers && !slot.query) return http;
  const isApi = isSlotApiUrl(slot);
  const context = contextFor(slot, deps);
  return {
    async request(request: HttpRequest) {
      if (!isApi(request.url)) return http.request(request);
      const decorated = await decorate(request, slot, context);
      try {
        return await http.request(decorated.request);
      } catch (error) {
        throw withoutSecrets(error, decorated.secrets);
      }
    },
  };
}

/** A server may echo a header it was sent: errors from a slot with secret headers or query lose those values. */
export function withExtrasRedacted(client: ProviderClient, slot: SlotConfig, deps: ProviderDeps): ProviderClient {
  const hasSecret = [slot.headers, slot.query].some((table) =>
    Object.values(table ?? {}).some((value) => value.secret),
  );
  if (!hasSecret) return client;
  const context = contextFor(slot, deps);
  const redacted = async (error: unknown): Promise<never> => {
    throw withoutSecrets(error, await secretValues(slot, context));
  };
  return batchedClient({
    slotId: client.slotId,
    async *streamChatBatches(request: ChatRequest, options?: RequestOptions) {
      try {
        yield* chatEventBatches(client, request, options);
      } catch (error) {
        await redacted(error);
      }
    },
    send: (request: ChatRequest, options?: RequestOptions) => client.send(request, options).catch(redacted),
    listModels: (options?: RequestOptions) => client.listModels(options).catch(redacted),
  });
}
