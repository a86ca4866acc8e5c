import { AWS_REGION, VERTEX_LOCATION } from './cloudLocations';
import type { KnownProviders } from './knownProviders';
import { AZURE_API_VERSION, AZURE_DEPLOYMENT, AZURE_RESOURCE } from './azureNames';
import { MAX_KEYS_PER_SLOT, REASONING_WORDS } from './readFields';
import {
  AGENT_DESCRIPTIONS,
  BUDGET_DESCRIPTIONS,
  ROUTER_DESCRIPTIONS,
  providerFieldDescription,
} from './schemaDescriptions';
import { AGENT_FIELDS, PROVIDER_TABLES, ROUTER_FIELDS, type FieldSpec, type ProviderTable } from './schemaTables';
import { BUDGET_FIELDS, PRICE_KEYS } from './spendFields';

function property(spec: FieldSpec, description: string): Record<string, unknown> {
  switch (spec.type) {
    case 'positiveInteger':
      return { type: 'integer', minimum: 1, description: description };
    case 'boolean':
      return { type: 'boolean', description: description };
    case 'reasoning':
      return {
        description: description,
        anyOf: [{ enum: [...REASONING_WORDS] }, { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }],
      };
    case 'apiKeyList':
      return {
        type: 'array',
        minItems: 1,
        maxItems: MAX_KEYS_PER_SLOT,
        items: { type: 'string', minLength: 1 },
        description: description,
      };
    case 'url':
      return { type: 'string', format: 'uri', pattern: '^https?://', description: description };
    case 'headers':
      return {
        type: 'object',
        description: description,
        propertyNames: { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
        additionalProperties: { type: 'string', pattern: '^[^\\u0000-\\u0008\\u000a-\\u001f\\u007f]*$' },
      };
    case 'query':
      return {
        type: 'object',
        description: description,
        propertyNames: { minLength: 1 },
        additionalProperties: { type: 'string' },
      };
    case 'usd':
      return { type: 'number', exclusiveMinimum: 0, description: description };
    case 'tokenCount':
      return { type: 'integer', minimum: 1, description: description };
    case 'price':
      return {
        type: 'object',
        description: description,
        additionalProperties: false,
        required: ['input', 'output'],
        properties: Object.fromEntries(
          Object.keys(PRICE_KEYS).map((key) => [
            key,
            { type: 'number', minimum: 0, description: `USD per million ${key.replace('_', ' ')} tokens.` },
          ]),
        ),
      };
    case 'awsRegion':
      return { type: 'string', pattern: AWS_REGION.source, description: description };
    case 'vertexLocation':
      return { type: 'string', pattern: VERTEX_LOCATION.source, description: description };
    case 'azureResource':
      return { type: 'string', pattern: AZURE_RESOURCE.source, description: description };
    case 'azureApiVersion':
      return { type: 'string', pattern: AZURE_API_VERSION.source, description: description };
    case 'azureDeployments':
      return {
        type: 'object',
        description: description,
        additionalProperties: { type: 'string', pattern: AZURE_DEPLOYMENT.source },
      };
    default:
      return { type: 'string', description: description, ...(spec.values ? { enum: [...spec.values] } : {}) };
  }
}

function table(
  fields: Record<string, FieldSpec>,
  describe: (key: string) => string,
  description: string,
  required: string[] = [],
): Record<string, unknown> {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    ...(required.length ? { required } : {}),
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, spec]) => [name, property(spec, describe(name))]),
    ),
  };
}

/** The description of a key in one of the fixed tables ([agent], [router], [budget]). */
function from(descriptions: Readonly<Record<string, string>>): (key: string) => string {
  return (key) => {
    const description = descriptions[key];
    if (description === undefined) throw new Error(`schemaDescriptions.ts has no description of ${key}`);
    return description;
  };
}

/**
 * JSON Schema (draft-07) of skynet.toml, built from the same tables as the parser and the registry ids of
 * `providers`; published as schemas/skynet.schema.json.
 */
export function skynetJsonSchema(providers: KnownProviders): Record<string, unknown> {
  const compat = table(
    PROVIDER_TABLES.openai_compat,
    (key) => providerFieldDescription('openai_compat', key),
    'An OpenAI-compatible service from the registry, or a custom endpoint.',
    ['id'],
  );
  (compat.properties as Record<string, unknown>).id = {
    description: providerFieldDescription('openai_compat', 'id'),
    anyOf: [
      { enum: providers.registry.map((entry) => entry.id) },
      { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' },
    ],
  };
  const natives = Object.fromEntries(
    Object.entries(PROVIDER_TABLES)
      .filter(([name]) => name !== 'openai_compat')
      .map(([name, fields]) => [
        name,
        table(fields, (key) => providerFieldDescription(name as ProviderTable, key), `The ${name} provider.`),
      ]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://skynet.invalid/skynet.schema.json',
    title: 'skynet.toml',
    description:
      'Skynet: every LLM behind one config file and one router. With no provider table, the environment is used: ANTHROPIC_OAUTH_TOKEN (slot "anthropic-oauth"), ANTHROPIC_API_KEY (slot "anthropic"), OPENAI_API_KEY (slot "openai"), in that order.',
    type: 'object',
    additionalProperties: false,
    properties: {
      agent: table(AGENT_FIELDS, from(AGENT_DESCRIPTIONS), 'Defaults for every slot.'),
      providers: {
        type: 'object',
        description:
          'Provider slots, tried in the order anthropic, openai, azure, openai_compat…, copilot, qwen_oauth, bedrock, vertex, ollama.',
        additionalProperties: false,
        properties: { ...natives, openai_compat: { type: 'array', items: compat } },
      },
      router: table(ROUTER_FIELDS, from(ROUTER_DESCRIPTIONS), 'Timeouts and cooldowns of the router (milliseconds).'),
      projects: {
        type: 'object',
        description:
          'Only in your own ~/.skynet/skynet.toml: keys per project directory for the CLI. [projects."~/clients/acme"] groq = ["${env:ACME_GROQ_KEY}"]: a project in or under that directory uses these keys for the slots named, never another project\'s.',
        additionalProperties: {
          type: 'object',
          additionalProperties: {
            anyOf: [
              { type: 'string', pattern: '^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$' },
              {
                type: 'array',
                minItems: 1,
                maxItems: MAX_KEYS_PER_SLOT,
                items: { type: 'string', pattern: '^\\$\\{env:[A-Za-z_][A-Za-z0-9_]*\\}$' },
              },
            ],
          },
        },
      },
      budget: table(
        BUDGET_FIELDS,
        from(BUDGET_DESCRIPTIONS),
        'Spend limits on all slots together; each provider table takes the same keys for that slot alone. Past one, slots that cost money are skipped ("budget reached").',
      ),
    },
  };
}
