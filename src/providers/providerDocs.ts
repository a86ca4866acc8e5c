import { PROVIDER_GROUP_TITLES, type ProviderFacts, type ProviderNotes } from './descriptor';
import { NATIVE_PROVIDERS } from './descriptors';
import type { WireDialect } from './openaiCompatible/wireDialect';
import { PROVIDER_NOTES } from './providerNotes';
import { REGISTRY, type RegistryEntry } from './registry';
import { RETIRED_PROVIDERS } from './retired';

/** Where docs/providers.md comes from; the unit test and `npm run docs:providers` both call this. */
export const PROVIDER_DOCS_FILE = 'docs/providers.md';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => `\`${text}\``;

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** A provider's notes; the unit tests check every provider has them. */
function notesOf(facts: ProviderFacts): ProviderNotes {
  const notes = PROVIDER_NOTES[facts.id];
  if (!notes) throw new Error(`${facts.id} has no entry in PROVIDER_NOTES (src/providers/providerNotes.ts)`);
  return notes;
}

function modelList(facts: ProviderFacts): string {
  const { models } = facts;
  const note = notesOf(facts).modelsNote;
  if (models.kind === 'known')
    return `none from the service: ${models.known?.length ? `offers ${models.known.map(code).join(', ')} and` : 'offers'} the configured model${note ? ` (${note})` : ''}`;
  const where = models.path ? code(models.path) : 'yes';
  return note ? `${where} (${note})` : where;
}

const REASONING_NAMES: Record<string, string> = {
  reasoning_effort: '`reasoning_effort`',
  thinking: '`thinking: {type}`',
  enable_thinking: '`enable_thinking`',
  reasoning: '`reasoning: {effort}`',
};

/** What a service's wire dialect means for a request, in words (quirks engineer's data, src/providers/openaiCompatible/wireDialect.ts). */
function dialectQuirks(dialect: WireDialect | undefined): string[] {
  if (!dialect) return [];
  const quirks: string[] = [];
  if (!dialect.tools) quirks.push('refuses tools: none are sent');
  if (!dialect.streamOptions) quirks.push('refuses `stream_options`');
  if (dialect.maxCompletionTokensModels)
    quirks.push(
      dialect.maxCompletionTokensModels.source === '.'
        ? '`max_completion_tokens`'
        : '`max_completion_tokens` for reasoning models',
    );
  const parameters = [...new Set(dialect.reasoning.map((rule) => REASONING_NAMES[rule.parameter] ?? rule.parameter))];
  if (parameters.length > 0) quirks.push(`reasoning via ${parameters.join(' / ')} for the models known to take it`);
  if (dialect.reasoningReplay?.length) quirks.push('`reasoning_content` sent back on tool turns');
  if (dialect.toolCallIds) quirks.push(`tool-call ids rewritten to fit ${code(dialect.toolCallIds.pattern.source)}`);
  if (dialect.thoughtSignatures) quirks.push('thought signatures kept with tool calls');
  return quirks;
}

function quirksOf(facts: ProviderFacts, dialect: WireDialect | undefined, extra: string[] = []): string {
  const all = [...dialectQuirks(dialect), ...(notesOf(facts).quirks ?? []), ...extra];
  if (facts.regions?.length)
    all.push(`also ${facts.regions.map((region) => `${region.name}: ${code(region.baseUrl)}`).join(', ')}`);
  return all.length > 0 ? all.join('; ') : '—';
}

function nativeTable(): string[] {
  const lines = [
    row(['table', 'service', 'base URL', 'default model', 'auth', 'model list', 'quirks']),
    row(['---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const facts of Object.values(NATIVE_PROVIDERS)) {
    const retired = RETIRED_PROVIDERS[facts.id] ? ['**service ended**: see below'] : [];
    lines.push(
      row([
        `[providers.${facts.id}]`,
        facts.name,
        code(facts.baseUrl),
        `${code(facts.defaultModel)} (${notesOf(facts).defaultModelSource.checked})`,
        facts.credential.what,
        modelList(facts),
        quirksOf(facts, facts.dialect, retired),
      ]),
    );
  }
  return lines;
}

function registryTable(entries: readonly RegistryEntry[]): string[] {
  const lines = [
    row(['id', 'service', 'base URL', 'default model', 'auth', 'model list', 'quirks']),
    row(['---', '---', '---', '---', '---', '---', '---']),
  ];
  for (const entry of entries) {
    const auth = `${entry.credential.what}${entry.freeTier ? '; free tier' : ''}`;
    const { defaultModelSource, description } = notesOf(entry);
    lines.push(
      row([
        code(entry.id),
        entry.name,
        code(entry.baseUrl),
        `${code(entry.defaultModel)} (${defaultModelSource.checked})`,
        auth,
        modelList(entry),
        quirksOf(entry, entry.dialect, description ? [description] : []),
      ]),
    );
  }
  return lines;
}

/** docs/providers.md, from the descriptors alone. */
export function renderProviderDocs(): string {
  const lines = [
    '# Providers',
    '',
    '<!-- Generated from the provider descriptors by `npm run docs:providers` (src/providers/providerDocs.ts). Do not edit: a unit test fails when this file is stale. -->',
    '',
    'Every provider Skynet knows, as its descriptor describes it: where it is, which model a slot uses when `skynet.toml` names none (and the day that model was checked against its source), what the credential is, how models are listed, and what the service does differently on the wire.',
    '',
    '## Native providers',
    '',
    ...nativeTable(),
    '',
    '## OpenAI-compatible services (`[[providers.openai_compat]]` with `id = "…"`)',
    '',
    'Chat at `base URL` + `/chat/completions`, `Authorization: Bearer <key>`. A custom endpoint (any other id, with `base_url`) posts to `base_url` + `/v1/chat/completions` unless `chat_path` says otherwise.',
  ];
  for (const group of ['cloud', 'gateway', 'local'] as const) {
    const entries = REGISTRY.filter((entry) => entry.group === group);
    if (entries.length > 0) lines.push('', `### ${PROVIDER_GROUP_TITLES[group]}`, '', ...registryTable(entries));
  }
  lines.push('', '## Where each default model was checked', '');
  for (const facts of [...Object.values(NATIVE_PROVIDERS), ...REGISTRY]) {
    const { source, checked } = notesOf(facts).defaultModelSource;
    lines.push(`- ${code(facts.id)} ${code(facts.defaultModel)}: ${source} (checked ${checked})`);
  }
  lines.push(
    '',
    '## Providers that no longer exist',
    '',
    'A registry id below is refused by `skynet check` and the config parser (unless the slot names its own `base_url`); a table below still reads, with a warning.',
    '',
  );
  for (const [id, retired] of Object.entries(RETIRED_PROVIDERS)) {
    lines.push(
      `- ${code(id)} (${retired.name}): ${retired.ended}. Instead: ${retired.instead}. Source: ${retired.source.source} (checked ${retired.source.checked}).`,
    );
  }
  return `${lines.join('\n')}\n`;
}
