import { REASONING_EFFORTS, type ReasoningChoice } from './reasoning';
import type { ApiKeySource, ConfigDiagnostic, Price, TemplateValue } from './types';
import { readTemplateTable } from './templateValue';
import type { FieldSpec } from './schemaTables';
import type { TomlLocator } from './locate';
import { didYouMean } from './suggest';
import { awsRegionProblem, vertexLocationProblem } from './cloudLocations';
import { azureApiVersionProblem, azureDeploymentProblem, azureResourceProblem } from './azureNames';
import { headerValueProblem } from './headerValue';
import { PRICE_KEYS } from './spendFields';

export type FieldValue =
  | string
  | number
  | boolean
  | ApiKeySource
  | readonly ApiKeySource[]
  | ReasoningChoice
  | Record<string, TemplateValue>
  | Record<string, string>
  | Price;

/** The most keys one slot may list in `api_keys`. */
export const MAX_KEYS_PER_SLOT = 16;

/** The words `reasoning` takes in skynet.toml (besides a token budget), exactly as the JSON Schema lists them. */
export const REASONING_WORDS: readonly string[] = ['off', ...REASONING_EFFORTS];

/** `reasoning = "off" | "low" | "medium" | "high" | <positive integer>` → a choice (`false` for off), or a diagnostic. */
function readReasoning(
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
): ReasoningChoice | undefined {
  const name = keyName(path);
  const allowed = `"off", "low", "medium", "high" or a positive whole number of tokens (e.g. 8000)`;
  if (typeof value === 'string') {
    if (value === 'off') return false;
    if ((REASONING_EFFORTS as readonly string[]).includes(value))
      return { effort: value as (typeof REASONING_EFFORTS)[number] };
    const hint = /^\s*\d+\s*$/.test(value)
      ? '; write a token budget as a number, without quotes'
      : didYouMean(value, REASONING_WORDS);
    sink.error(path, `${name} must be ${allowed}, got "${value}"${hint}`);
    return undefined;
  }
  const number = typeof value === 'bigint' ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number > 0) return { budgetTokens: number };
  sink.error(
    path,
    `${name} must be ${allowed}, not ${typeof number === 'number' && Number.isInteger(number) ? String(number) : describeType(value)}`,
  );
  return undefined;
}

/** Collects diagnostics at the right line and column while fields are read. */
export class DiagnosticSink {
  readonly errors: ConfigDiagnostic[] = [];
  readonly warnings: ConfigDiagnostic[] = [];

  constructor(
    readonly file: string,
    readonly locator: TomlLocator,
  ) {}

  error(path: ReadonlyArray<string | number>, message: string): void {
    this.errors.push({ file: this.file, severity: 'error', message, ...this.locator.find(path) });
  }

  warning(path: ReadonlyArray<string | number>, message: string): void {
    this.warnings.push({ file: this.file, severity: 'warning', message, ...this.locator.find(path) });
  }
}

export function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null || value === undefined) return 'nothing';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a table';
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return 'an integer';
  if (typeof value === 'number') return 'a float';
  return `a ${typeof value}`;
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

const ENV_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** `~`, `~/…` (and `~\\…` on Windows) under the given home folder; other paths as written. */
export function expandHome(path: string, homeDir: string): string {
  if (!homeDir) return path;
  if (path === '~') return homeDir;
  return /^~[\\/]/.test(path) ? `${homeDir.replace(/[\\/]+$/, '')}${path[1]}${path.slice(2)}` : path;
}

/** The home folder named by the environment, when the caller gives none. */
export function homeFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOME || env.USERPROFILE || '';
}

/** How a key is named in messages: `providers.openai.base_url`, or `id` of the 2nd [[providers.openai_compat]] entry. */
export function keyName(path: ReadonlyArray<string | number>): string {
  const index = path.findIndex((step) => typeof step === 'number');
  if (index < 0) return `\`${path.join('.')}\``;
  const entry = Number(path[index]) + 1;
  const ordinal = entry === 1 ? '1st' : entry === 2 ? '2nd' : entry === 3 ? '3rd' : `${entry}th`;
  return `\`${path.slice(index + 1).join('.')}\` of the ${ordinal} [[${path.slice(0, index).join('.')}]] entry`;
}

export type SpendFieldType = 'usd' | 'tokenCount' | 'price';

function numberOf(value: unknown): number | undefined {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function readPrice(value: unknown, path: Array<string | number>, sink: DiagnosticSink): Price | undefined {
  const name = keyName(path);
  if (!isTable(value)) {
    sink.error(
      path,
      `${name} must be a table of USD per million tokens, e.g. { input = 3, output = 15 }, not ${describeType(value)}`,
    );
    return undefined;
  }
  const price: Partial<Price> = {};
  let ok = true;
  for (const [key, raw] of Object.entries(value)) {
    const property = PRICE_KEYS[key as keyof typeof PRICE_KEYS];
    if (!property) {
      sink.error(
        [...path, key],
        `Unknown key \`${key}\` in ${name}${didYouMean(key, Object.keys(PRICE_KEYS))}; a price has input, output, cache_read and cache_write`,
      );
      ok = false;
      continue;
    }
    const number = numberOf(raw);
    if (number === undefined || number < 0) {
      sink.error(
        [...path, key],
        `${keyName([...path, key])} must be a number of USD per million tokens, 0 or more, not ${number === undefined ? describeType(raw) : String(number)}`,
      );
      ok = false;
      continue;
    }
    price[property] = number;
  }
  for (const needed of ['input', 'output'] as const) {
    if (ok && price[needed] === undefined) {
      sink.error(path, `${name} needs \`${needed}\` (USD per million ${needed} tokens)`);
      ok = false;
    }
  }
  return ok ? (price as Price) : undefined;
}

/** A `usd`, `tokenCount` or `price` value of skynet.toml, or undefined after an error at its line:column. */
function readSpendField(
  type: SpendFieldType,
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
): number | Price | undefined {
  if (type === 'price') return readPrice(value, path, sink);
  const number = numberOf(value);
  if (type === 'usd' && number !== undefined && number > 0) return number;
  if (type === 'tokenCount' && number !== undefined && Number.isSafeInteger(number) && number > 0) return number;
  const what =
    type === 'usd'
      ? 'a number of US dollars above 0 (e.g. 5 or 2.5)'
      : 'a whole number of tokens above 0 (e.g. 2000000)';
  const hint = typeof value === 'string' && numberOf(Number(value)) !== undefined ? '; write it without quotes' : '';
  sink.error(
    path,
    `${keyName(path)} must be ${what}, not ${number === undefined ? describeType(value) : String(number)}${hint}`,
  );
  return undefined;
}

/** A key written in the file, or `${env:NAME}`; `name` says which value it is in messages (never the key itself). */
function readApiKey(
  value: string,
  name: string,
  path: Array<string | number>,
  sink: DiagnosticSink,
): ApiKeySource | undefined {
  const reference = ENV_REFERENCE.exec(value.trim());
  if (reference) return { type: 'env', name: reference[1] };
  if (value.includes('${'))
    sink.warning(
      path,
      `${name} looks like a variable reference but is not \`\${env:NAME}\`; it is used as the key itself`,
    );
  return headerChecked(value, name, path, sink) === undefined ? undefined : { type: 'literal', value };
}

/** `api_keys = ["${env:A}", "${env:B}"]`: one to MAX_KEYS_PER_SLOT keys, each read like `api_key`. */
function readKeyList(value: unknown, path: Array<string | number>, sink: DiagnosticSink): ApiKeySource[] | undefined {
  const name = keyName(path);
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_KEYS_PER_SLOT) {
    const got = Array.isArray(value) ? `${value.length} keys` : describeType(value);
    sink.error(
      path,
      `${name} must be a list of 1 to ${MAX_KEYS_PER_SLOT} keys, e.g. ["\${env:KEY_A}", "\${env:KEY_B}"], not ${got}`,
    );
    return undefined;
  }
  const keys: ApiKeySource[] = [];
  for (const [index, item] of value.entries()) {
    // A message names `api_keys` and the item's number, never its value.
    const read = typeof item === 'string' ? readApiKey(item, `item ${index + 1} of ${name}`, path, sink) : undefined;
    if (typeof item !== 'string')
      sink.error(path, `${name}: item ${index + 1} must be a string, not ${describeType(item)}`);
    if (read === undefined) return undefined;
    keys.push(read);
  }
  return keys;
}

/** A key (`"${env:NAME}"` or text) or a list of keys, as `[projects]` takes them: one list either way. */
export function readKeyOrKeys(
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
): ApiKeySource[] | undefined {
  if (typeof value !== 'string') return readKeyList(value, path, sink);
  const key = readApiKey(value, keyName(path), path, sink);
  return key && [key];
}

function readField(
  spec: FieldSpec,
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
  homeDir: string,
): FieldValue | undefined {
  const name = keyName(path);
  if (spec.type === 'apiKeyList') return readKeyList(value, path, sink);
  if (spec.type === 'reasoning') return readReasoning(value, path, sink);
  if (spec.type === 'headers' || spec.type === 'query') return readTemplateTable(spec.type, value, path, sink);
  if (spec.type === 'usd' || spec.type === 'tokenCount' || spec.type === 'price')
    return readSpendField(spec.type, value, path, sink);
  if (spec.type === 'azureDeployments') return readDeployments(value, path, sink);
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const hint = value === 'true' || value === 'false' ? `; write ${value} without quotes` : '';
    sink.error(path, `${name} must be true or false, not ${describeType(value)}${hint}`);
    return undefined;
  }
  if (spec.type === 'positiveInteger') {
    const number = typeof value === 'bigint' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) {
      sink.error(path, `${name} must be a positive whole number of milliseconds, not ${describeType(value)}`);
      return undefined;
    }
    return number;
  }
  if (typeof value !== 'string') {
    sink.error(path, `${name} must be a string, not ${describeType(value)}`);
    return undefined;
  }
  switch (spec.type) {
    case 'apiKey':
      return readApiKey(value, name, path, sink);
    case 'url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        sink.error(path, `${name} must be an http(s) URL, got "${value}"`);
        return undefined;
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        sink.error(path, `${name} must use http or https, got "${url.protocol}"`);
        return undefined;
      }
      return value.trim().replace(/\/+$/, '');
    }
    case 'path':
      return expandHome(value, homeDir);
    case 'header':
      return headerChecked(value, name, path, sink);
    case 'azureResource': {
      const problem = azureResourceProblem(value);
      if (problem) sink.error(path, `${name}: ${problem}; it becomes part of the host name`);
      return problem ? undefined : value;
    }
    case 'azureApiVersion': {
      const problem = azureApiVersionProblem(value);
      if (problem) sink.error(path, `${name}: ${problem}`);
      return problem ? undefined : value;
    }
    case 'awsRegion':
    case 'vertexLocation': {
      const problem = spec.type === 'awsRegion' ? awsRegionProblem(value) : vertexLocationProblem(value);
      if (problem) sink.error(path, `${name}: ${problem}; it becomes part of the host name`);
      return problem ? undefined : value;
    }
    case 'string':
      if (spec.values && !spec.values.includes(value)) {
        sink.error(
          path,
          `${name} must be one of ${spec.values.map((word) => `"${word}"`).join(', ')}, got "${value}"${didYouMean(value, spec.values)}`,
        );
        return undefined;
      }
      return value;
  }
}

/** `deployments = { "gpt-5.1" = "prod-gpt51" }`: each deployment name checked where it is written. */
function readDeployments(
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
): Record<string, string> | undefined {
  if (!isTable(value)) {
    sink.error(path, `${keyName(path)} must be a table of model = "deployment", not ${describeType(value)}`);
    return undefined;
  }
  const deployments: Record<string, string> = {};
  for (const [model, deployment] of Object.entries(value)) {
    if (typeof deployment !== 'string') {
      sink.error(
        [...path, model],
        `${keyName([...path, model])} must be a deployment name (a string), not ${describeType(deployment)}`,
      );
      continue;
    }
    const problem = azureDeploymentProblem(deployment);
    if (problem)
      sink.error([...path, model], `${keyName([...path, model])}: ${problem}; it becomes part of the request path`);
    else deployments[model] = deployment;
  }
  return deployments;
}

/** The value, or undefined after an error when it cannot be sent as an HTTP header (the message never repeats it). */
function headerChecked(
  value: string,
  name: string,
  path: Array<string | number>,
  sink: DiagnosticSink,
): string | undefined {
  const problem = headerValueProblem(value);
  if (!problem) return value;
  sink.error(path, `${name} is sent as an HTTP header and ${problem}; remove it`);
  return undefined;
}

/** Reads a table's known fields; unknown keys become warnings with the nearest known key. */
export function readFields(
  table: Record<string, unknown>,
  specs: Record<string, FieldSpec>,
  path: Array<string | number>,
  sink: DiagnosticSink,
  homeDir: string,
): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(table)) {
    const spec = specs[key];
    if (!spec) {
      const header = path.some((step) => typeof step === 'number')
        ? `[[${path.filter((step) => typeof step === 'string').join('.')}]]`
        : `[${path.join('.')}]`;
      sink.warning(
        [...path, key],
        `Unknown key \`${key}\` in ${header}${didYouMean(key, Object.keys(specs))}; it is ignored`,
      );
      continue;
    }
    const read = readField(spec, value, [...path, key], sink, homeDir);
    if (read !== undefined) values[key] = read;
  }
  return values;
}
