import { parse, TomlError } from 'smol-toml';
import { retiredMessage, type KnownProviders } from './knownProviders';
import { TomlLocator } from './locate';
import {
  DiagnosticSink,
  describeType,
  expandHome,
  homeFromEnv,
  isTable,
  readFields,
  type FieldValue,
} from './readFields';
import { AGENT_FIELDS, PROVIDER_TABLES, ROUTER_FIELDS, TABLE_ORDER, type ProviderTable } from './schemaTables';
import { didYouMean } from './suggest';
import { suggestRegistryId } from './suggestProvider';
import { environmentSlots } from './environmentSlots';
import { BUDGET_FIELDS, budgetsOf, slotSpendOf } from './spendFields';
import { AZURE_DEFAULT_API_VERSION } from './azureNames';
import { azureApiOf, retiredAzureInferencePath } from './azureWire';
import { tomlSyntaxMessage } from './tomlSyntaxMessage';
import { readProjectKeys } from './projectKeys';
import { registryBaseUrl } from './urlParameters';
import {
  DEFAULT_ROUTER_SETTINGS,
  type ApiKeySlot,
  type ApiKeySource,
  type ConfigResult,
  type CustomApi,
  type RouterSettings,
  type SlotConfig,
  type SourceLocation,
  type TemplateValue,
} from './types';
import type { ReasoningChoice, ReasoningRequest } from './reasoning';

type Env = Readonly<Record<string, string | undefined>>;

const STORE: ApiKeySource = { type: 'store' };
/** What a custom endpoint is asked for when neither it nor [agent] names a model (servers with one model ignore it). */
const CUSTOM_DEFAULT_MODEL = 'default';
/** Custom endpoints (ids not in the registry) default to this chat path after their base URL. */
const CUSTOM_CHAT_PATH = '/v1/chat/completions';
/** Custom endpoints with `api = "openai-responses"` default to this path after their base URL. */
const CUSTOM_RESPONSES_PATH = '/v1/responses';
const str = (value: FieldValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const key = (value: FieldValue | undefined): ApiKeySource =>
  value && typeof value === 'object' ? (value as ApiKeySource) : STORE;

/** `api_key`, or `api_keys` (the first key is also `apiKey`); both at once is an error at `api_keys`. */
function keysOf(values: Record<string, FieldValue>, path: Array<string | number>, sink: DiagnosticSink): ApiKeySlot {
  const list = Array.isArray(values.api_keys) ? (values.api_keys as readonly ApiKeySource[]) : undefined;
  if (!list) return { apiKey: key(values.api_key) };
  if (values.api_key !== undefined)
    sink.error([...path, 'api_keys'], 'Write either api_key or api_keys, not both: put every key into api_keys');
  return list.length === 1 ? { apiKey: list[0] } : { apiKey: list[0], apiKeys: list };
}
/** A slot's default reasoning: its own `reasoning`, else `[agent] reasoning`; "off" at the level that applies means none. */
function reasoningOf(
  own: FieldValue | undefined,
  agent: ReasoningChoice | undefined,
): { reasoning?: ReasoningRequest } {
  const choice = own !== undefined ? (own as ReasoningChoice) : agent;
  return choice ? { reasoning: choice } : {};
}

type Extras = { headers?: Record<string, TemplateValue>; query?: Record<string, TemplateValue> };

/** The slot's `headers` and `query` tables; `${key}` only where the provider has an API key to put there. */
function extrasOf(
  values: Record<string, FieldValue>,
  path: Array<string | number>,
  sink: DiagnosticSink,
  hasKey: boolean,
): Extras {
  const extras: Extras = {};
  for (const name of ['headers', 'query'] as const) {
    const table = values[name] as Record<string, TemplateValue> | undefined;
    if (!table) continue;
    const keyless = hasKey
      ? undefined
      : Object.entries(table).find(([, value]) => value.parts.some((part) => part.type === 'key'));
    if (keyless)
      sink.error(
        [...path, name, keyless[0]],
        `\`\${key}\` names this slot's API key, and this provider has none; use \`\${env:NAME}\``,
      );
    else extras[name] = table;
  }
  return extras;
}

function locationOf(sink: DiagnosticSink, path: Array<string | number>): SourceLocation {
  return { file: sink.file, ...sink.locator.find(path) };
}

/**
 * skynet.toml text → typed config, or diagnostics with file, line and column. Never throws.
 * `providers` is what the parser knows of them (`KNOWN_PROVIDERS`); `homeDir` expands `~/` in paths.
 */
export function parseConfig(
  text: string,
  file: string,
  env: Env,
  providers: KnownProviders,
  homeDir: string = homeFromEnv(env),
): ConfigResult {
  const sink = new DiagnosticSink(file, new TomlLocator(text));
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      sink.errors.push({
        file,
        severity: 'error',
        line: error.line,
        column: error.column,
        message: tomlSyntaxMessage(error, text),
      });
    } else {
      sink.error([], `Cannot read the file as TOML: ${error instanceof Error ? error.message : String(error)}`);
    }
    return { ok: false, errors: sink.errors, warnings: sink.warnings };
  }
  try {
    return build(document, sink, env, providers, homeDir);
  } catch (error) {
    sink.error(
      [],
      `Unexpected problem reading the configuration: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { ok: false, errors: sink.errors, warnings: sink.warnings };
  }
}

const TOP_LEVEL = ['agent', 'providers', 'router', 'budget', 'projects'];

function build(
  document: Record<string, unknown>,
  sink: DiagnosticSink,
  env: Env,
  known: KnownProviders,
  homeDir: string,
): ConfigResult {
  for (const name of Object.keys(document)) {
    if (!TOP_LEVEL.includes(name)) {
      sink.warning([name], `Unknown table or key \`${name}\`${didYouMean(name, TOP_LEVEL)}; it is ignored`);
    }
  }
  const agent = sectionTable(document, 'agent', sink);
  const agentValues = readFields(agent, AGENT_FIELDS, ['agent'], sink, homeDir);
  const agentModel = str(agentValues.model);
  const agentReasoning = agentValues.reasoning as ReasoningChoice | undefined;
  const routerValues = readFields(sectionTable(document, 'router', sink), ROUTER_FIELDS, ['router'], sink, homeDir);
  const router: RouterSettings = {
    connectTimeoutMs: (routerValues.connect_timeout_ms as number) ?? DEFAULT_ROUTER_SETTINGS.connectTimeoutMs,
    firstByteTimeoutMs: (routerValues.first_byte_timeout_ms as number) ?? DEFAULT_ROUTER_SETTINGS.firstByteTimeoutMs,
    idleTimeoutMs: (routerValues.idle_timeout_ms as number) ?? DEFAULT_ROUTER_SETTINGS.idleTimeoutMs,
    cooldownBaseMs: (routerValues.cooldown_base_ms as number) ?? DEFAULT_ROUTER_SETTINGS.cooldownBaseMs,
    cooldownMaxMs: (routerValues.cooldown_max_ms as number) ?? DEFAULT_ROUTER_SETTINGS.cooldownMaxMs,
    keepAliveMs: (routerValues.keep_alive_ms as number) ?? DEFAULT_ROUTER_SETTINGS.keepAliveMs,
    ...(routerValues.hedge_after_ms !== undefined ? { hedgeAfterMs: routerValues.hedge_after_ms as number } : {}),
    ...(routerValues.first_token_timeout_ms !== undefined
      ? { firstTokenTimeoutMs: routerValues.first_token_timeout_ms as number }
      : {}),
    ...(routerValues.request_timeout_ms !== undefined
      ? { requestTimeoutMs: routerValues.request_timeout_ms as number }
      : {}),
  };
  const budget = budgetsOf(
    readFields(sectionTable(document, 'budget', sink), BUDGET_FIELDS, ['budget'], sink, homeDir),
  );
  const projects = readProjectKeys(document.projects, sink, homeDir);
  if (router.cooldownMaxMs < router.cooldownBaseMs)
    sink.error(
      ['router', 'cooldown_max_ms'],
      '`router.cooldown_max_ms` must not be smaller than `router.cooldown_base_ms`',
    );

  const providers = sectionTable(document, 'providers', sink);
  for (const name of Object.keys(providers)) {
    if (name in PROVIDER_TABLES) continue;
    const registry = known.registry.find((row) => row.id === name);
    const hint = registry
      ? `; ${registry.name} is an OpenAI-compatible service: write [[providers.openai_compat]] with id = "${name}"`
      : didYouMean(name, [...Object.keys(PROVIDER_TABLES), ...known.registry.map((entry) => entry.id)]);
    sink.error(['providers', name], `Unknown provider \`${name}\`${hint}`);
  }

  const slots: SlotConfig[] = [];
  for (const table of TABLE_ORDER) {
    const value = providers[table];
    if (value === undefined) continue;
    if (table === 'openai_compat') {
      const entries = Array.isArray(value) ? value : [value];
      if (!Array.isArray(value) && isTable(value))
        sink.warning(
          ['providers', table],
          'Write OpenAI-compatible providers as [[providers.openai_compat]] (an array of tables)',
        );
      entries.forEach((entry, index) => {
        const path = Array.isArray(value) ? ['providers', table, index] : ['providers', table];
        const slot = isTable(entry)
          ? compatSlot(entry, path, sink, known, agentModel, agentReasoning, homeDir)
          : undefined;
        if (!isTable(entry))
          sink.error(path, `Each [[providers.openai_compat]] entry must be a table, not ${describeType(entry)}`);
        if (slot) slots.push(slot);
        if (slot) warnUnsetVariable(slot, [...path, 'api_key'], sink, env);
      });
      continue;
    }
    if (!isTable(value)) {
      sink.error(['providers', table], `\`providers.${table}\` must be a table, not ${describeType(value)}`);
      continue;
    }
    const slot = nativeSlot(table, value, sink, known, agentModel, agentReasoning, env, homeDir);
    const retired = known.retired[table];
    if (retired) sink.warning(['providers', table], retiredMessage(table, retired));
    slots.push(slot);
    warnUnsetVariable(slot, ['providers', table, 'api_key'], sink, env);
  }

  const seen = new Map<string, number>();
  for (const slot of slots) {
    const first = seen.get(slot.id);
    if (first === undefined) seen.set(slot.id, slot.source.line);
    else
      sink.errors.push({
        ...slot.source,
        severity: 'error',
        message: `Two slots are named \`${slot.id}\` (lines ${first} and ${slot.source.line}); give each openai_compat entry its own id`,
      });
  }

  if (sink.errors.length > 0) return { ok: false, errors: sink.errors, warnings: sink.warnings };
  const fromEnvironment = Object.keys(providers).length === 0;
  return {
    ok: true,
    warnings: sink.warnings,
    config: {
      file: sink.file,
      agentModel,
      ...(agentReasoning ? { agentReasoning } : {}),
      router,
      ...(Object.keys(budget).length > 0 ? { budget } : {}),
      ...(projects.length > 0 ? { projects } : {}),
      fromEnvironment,
      slots: fromEnvironment
        ? environmentSlots(env, agentModel, known).map((slot) => ({
            ...slot,
            ...reasoningOf(undefined, agentReasoning),
          }))
        : slots,
    },
  };
}

/** `${env:NAME}` naming a variable this process does not have: the slot would fail at its first request. */
function warnUnsetVariable(slot: SlotConfig, path: Array<string | number>, sink: DiagnosticSink, env: Env): void {
  if (!('apiKey' in slot) || slot.apiKey.type !== 'env' || env[slot.apiKey.name]) return;
  sink.warning(
    path,
    `The environment variable ${slot.apiKey.name} is not set (for VS Code: in the environment it was started from), so \`${slot.id}\` has no key`,
  );
}

function sectionTable(document: Record<string, unknown>, name: string, sink: DiagnosticSink): Record<string, unknown> {
  const value = document[name];
  if (value === undefined) return {};
  if (isTable(value)) return value;
  sink.error([name], `\`${name}\` must be a table ([${name}]), not ${describeType(value)}`);
  return {};
}

function compatSlot(
  entry: Record<string, unknown>,
  path: Array<string | number>,
  sink: DiagnosticSink,
  known: KnownProviders,
  agentModel: string | undefined,
  agentReasoning: ReasoningChoice | undefined,
  homeDir: string,
): SlotConfig | undefined {
  const values = readFields(entry, PROVIDER_TABLES.openai_compat, path, sink, homeDir);
  const id = str(values.id);
  if (id === undefined) {
    if (!('id' in entry))
      sink.error(
        path,
        'This [[providers.openai_compat]] entry needs an `id` (a registry id such as "groq", or a name for your own endpoint)',
      );
    return undefined;
  }
  if (id.trim() === '') {
    sink.error([...path, 'id'], '`id` is empty: write a registry id such as "groq", or a name for your own endpoint');
    return undefined;
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id)) {
    sink.error([...path, 'id'], `\`id\` "${id}" may use only letters, digits, "_", "-" and "."`);
    return undefined;
  }
  const registry = known.registry.find((row) => row.id === id);
  const baseUrl = str(values.base_url);
  const source = locationOf(sink, path);
  const retired = known.retired[id];
  if (!registry && retired && !baseUrl && !('base_url' in entry)) {
    sink.error([...path, 'id'], retiredMessage(id, retired));
    return undefined;
  }
  if (!registry) {
    if (!baseUrl && id in PROVIDER_TABLES && id !== 'openai_compat') {
      sink.error(
        [...path, 'id'],
        `\`${id}\` is a built-in provider, not an OpenAI-compatible service: write it as [providers.${id}]`,
      );
      return undefined;
    }
    if (!baseUrl) {
      if ('base_url' in entry) return undefined;
      const suggestion = suggestRegistryId(id, known.registry);
      sink.error(
        [...path, 'id'],
        suggestion
          ? `Unknown provider id \`${id}\`; did you mean \`${suggestion}\`? (a custom endpoint needs a base_url)`
          : `Unknown provider id \`${id}\`: a custom endpoint needs a base_url (registry ids: ${known.registry.map((row) => row.id).join(', ')})`,
      );
      return undefined;
    }
    const api = str(values.api) as CustomApi | undefined;
    if (api && api !== 'openai-chat' && api !== 'openai-responses' && values.chat_path !== undefined) {
      sink.warning(
        [...path, 'chat_path'],
        `\`chat_path\` is not used with api = "${api}" (its paths are the protocol's own); it is ignored`,
      );
    }
    const model = str(values.model) ?? agentModel;
    if (model === undefined && !('model' in entry)) {
      sink.warning(
        path,
        `The custom endpoint \`${id}\` names no model; add \`model = "…"\` (or [agent] model), else requests ask for "${CUSTOM_DEFAULT_MODEL}"`,
      );
    }
    warnEndpointShape(known, baseUrl, normalisePath(str(values.chat_path) ?? CUSTOM_CHAT_PATH), path, sink);
    for (const name of ['account_id', 'gateway_id'])
      if (values[name] !== undefined)
        sink.warning(
          [...path, name],
          `\`${name}\` is only read by the Cloudflare rows; a custom endpoint's address is its base_url, so it is ignored`,
        );
    return {
      id,
      kind: 'openai-compat',
      displayName: id,
      model: model ?? CUSTOM_DEFAULT_MODEL,
      baseUrl,
      source,
      ...keysOf(values, path, sink),
      chatPath: normalisePath(
        str(values.chat_path) ?? (api === 'openai-responses' ? CUSTOM_RESPONSES_PATH : CUSTOM_CHAT_PATH),
      ),
      ...(api && api !== 'openai-chat' ? { api } : {}),
      freeTier: false,
      local: isLocalUrl(baseUrl),
      supportsStreamOptions: true,
      ...reasoningOf(values.reasoning, agentReasoning),
      ...extrasOf(values, path, sink, true),
      ...slotSpendOf(values),
    };
  }
  if (values.api !== undefined && values.api !== 'openai-chat') {
    sink.error(
      [...path, 'api'],
      `${registry.name} (\`${id}\`) speaks openai-chat; for another protocol write a custom entry with its own id and base_url`,
    );
  }
  const address = registryBaseUrl(registry, values, path, sink);
  if (!address) return undefined;
  if (baseUrl || values.chat_path !== undefined)
    warnEndpointShape(known, address.baseUrl, normalisePath(str(values.chat_path) ?? registry.chatPath), path, sink);
  return {
    id,
    kind: 'openai-compat',
    displayName: registry.name,
    model: str(values.model) ?? agentModel ?? registry.defaultModel,
    baseUrl: address.baseUrl,
    ...(address.urlParameters ? { urlParameters: address.urlParameters } : {}),
    source,
    ...keysOf(values, path, sink),
    chatPath: normalisePath(str(values.chat_path) ?? registry.chatPath),
    registryId: registry.id,
    freeTier: registry.freeTier,
    local: registry.local,
    supportsStreamOptions: registry.supportsStreamOptions,
    ...reasoningOf(values.reasoning, agentReasoning),
    ...extrasOf(values, path, sink, true),
    ...slotSpendOf(values),
  };
}

/** A base_url and chat_path that will not reach a chat endpoint together (e.g. base_url ending in /chat/completions). */
function warnEndpointShape(
  known: KnownProviders,
  baseUrl: string,
  chatPath: string,
  path: ReadonlyArray<string | number>,
  sink: DiagnosticSink,
): void {
  const problem = known.endpointShapeProblem(baseUrl, chatPath);
  if (problem) sink.warning([...path, 'base_url'], problem);
}

function nativeSlot(
  table: Exclude<ProviderTable, 'openai_compat'>,
  entry: Record<string, unknown>,
  sink: DiagnosticSink,
  known: KnownProviders,
  agentModel: string | undefined,
  agentReasoning: ReasoningChoice | undefined,
  env: Env,
  homeDir: string,
): SlotConfig {
  const path = ['providers', table];
  const values = readFields(entry, PROVIDER_TABLES[table], path, sink, homeDir);
  const defaults = known.native[table];
  const common = {
    id: table,
    displayName: defaults.name,
    model: str(values.model) ?? agentModel ?? defaults.defaultModel,
    source: locationOf(sink, path),
    ...reasoningOf(values.reasoning, agentReasoning),
    ...extrasOf(values, path, sink, table === 'anthropic' || table === 'openai' || table === 'azure'),
    ...slotSpendOf(values),
  };
  const baseUrl = str(values.base_url);
  const promptCaching = typeof values.prompt_caching === 'boolean' ? { promptCaching: values.prompt_caching } : {};
  switch (table) {
    case 'anthropic':
      return {
        ...common,
        kind: 'anthropic',
        baseUrl: baseUrl ?? defaults.baseUrl,
        ...keysOf(values, path, sink),
        ...promptCaching,
      };
    case 'openai':
      return {
        ...common,
        kind: 'openai',
        baseUrl: baseUrl ?? defaults.baseUrl,
        ...keysOf(values, path, sink),
        organization: str(values.organization),
        project: str(values.project),
      };
    case 'azure': {
      const azure = {
        ...common,
        kind: 'azure' as const,
        baseUrl: azureEndpoint(str(values.resource), baseUrl, entry, sink),
        apiVersion: str(values.api_version) ?? AZURE_DEFAULT_API_VERSION,
        deployments: (values.deployments as Record<string, string> | undefined) ?? {},
        ...azureApiOf(str(values.api), str(values.api_version), sink),
      };
      const entraCommand = str(values.entra_command)?.trim();
      if (entraCommand === '')
        sink.error(
          [...path, 'entra_command'],
          '`entra_command` is empty: write the command that prints a token, or remove it to use an API key',
        );
      const keyWritten =
        values.api_key !== undefined ? 'api_key' : values.api_keys !== undefined ? 'api_keys' : undefined;
      if (entraCommand && keyWritten)
        sink.error(
          [...path, keyWritten],
          `[providers.azure] takes \`${keyWritten}\` or \`entra_command\`, not both: remove one`,
        );
      return entraCommand ? { ...azure, entraCommand } : { ...azure, ...keysOf(values, path, sink) };
    }
    case 'ollama':
      return { ...common, kind: 'ollama', baseUrl: baseUrl ?? defaults.baseUrl };
    case 'copilot':
      return {
        ...common,
        kind: 'copilot',
        baseUrl: baseUrl ?? defaults.baseUrl,
        tokenPath: str(values.token_path),
        githubUrl: str(values.github_url) ?? known.native.copilot.githubUrl,
        githubApiUrl: str(values.github_api_url) ?? known.native.copilot.githubApiUrl,
      };
    case 'qwen_oauth':
      return {
        ...common,
        id: 'qwen_oauth',
        kind: 'qwen-oauth',
        baseUrl: baseUrl ?? defaults.baseUrl,
        credentialsPath: str(values.credentials_path) ?? expandHome(known.native.qwen_oauth.credentialsPath, homeDir),
        authUrl: str(values.auth_url) ?? known.native.qwen_oauth.authUrl,
      };
    case 'bedrock':
      // An empty base URL means the region's public endpoint, resolved with the credentials (the region may come from ~/.aws/config).
      return {
        ...common,
        kind: 'bedrock',
        baseUrl: baseUrl ?? '',
        region: str(values.region),
        profile: str(values.profile),
        ...promptCaching,
      };
    case 'vertex':
      return {
        ...common,
        kind: 'vertex',
        baseUrl: baseUrl ?? '',
        keyFile:
          str(values.key_file) ??
          (env.GOOGLE_APPLICATION_CREDENTIALS ? expandHome(env.GOOGLE_APPLICATION_CREDENTIALS, homeDir) : undefined),
        projectId: str(values.project_id),
        location: str(values.location) ?? known.native.vertex.location,
        ...promptCaching,
      };
  }
}

/**
 * The Azure endpoint: `https://{resource}.openai.azure.com`, or `base_url` without a trailing `/openai` or
 * `/openai/v1` (the client adds the path the api-version chooses). Exactly one of the two.
 */
function azureEndpoint(
  resource: string | undefined,
  baseUrl: string | undefined,
  entry: Record<string, unknown>,
  sink: DiagnosticSink,
): string {
  const path = ['providers', 'azure'];
  if (resource && baseUrl)
    sink.error([...path, 'base_url'], '[providers.azure] takes `resource` or `base_url`, not both: remove one');
  if (!resource && !baseUrl && !('resource' in entry) && !('base_url' in entry)) {
    sink.error(
      path,
      '[providers.azure] needs `resource = "<your resource name>"` (or `base_url` for another endpoint such as https://<name>.services.ai.azure.com)',
    );
  }
  if (resource) return `https://${resource}.openai.azure.com`;
  const retired = baseUrl && retiredAzureInferencePath(baseUrl);
  if (retired) sink.error([...path, 'base_url'], retired);
  return (baseUrl ?? '').replace(/\/openai(\/v1)?\/*$/i, '');
}

function normalisePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return (
      host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.') || host.endsWith('.local')
    );
  } catch {
    return false;
  }
}
