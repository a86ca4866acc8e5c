import type { RegistryRowDefaults } from './knownProviders';
import type { DiagnosticSink, FieldValue } from './readFields';

/**
 * A value of the slot that becomes part of the base URL (`{account_id}` in Cloudflare's), checked when skynet.toml is
 * read so nothing else can reach the URL: a wrong value is an error at its line and column.
 */
export interface UrlParameter {
  /** The key of the `[[providers.openai_compat]]` entry, and `{key}` in the row's base URL. */
  key: 'account_id' | 'gateway_id';
  /** What it is, for messages: "Cloudflare account ID". */
  label: string;
  pattern: RegExp;
  /** What a valid value looks like: "32 hexadecimal characters". */
  shape: string;
  /** Where the user finds it. */
  where: string;
}

/** `https://…/accounts/{account_id}/ai/v1` with `{account_id}` from `values`; undefined while any value is missing. */
export function fillUrlTemplate(
  template: string,
  values: Readonly<Record<string, string>> | undefined,
): string | undefined {
  let missing = false;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values?.[name];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : filled;
}

/** Why `value` cannot be `parameter` (it would change the URL's shape), or undefined when it fits. */
export function urlParameterProblem(parameter: UrlParameter, value: string): string | undefined {
  return parameter.pattern.test(value)
    ? undefined
    : `\`${parameter.key}\` must be ${parameter.shape} (the ${parameter.label}; ${parameter.where})`;
}

const KEYS = ['account_id', 'gateway_id'] as const;

/**
 * The base URL of a registry row whose address holds values of the slot (Cloudflare's `{account_id}`): each value
 * checked here, at its line and column, so none can change the URL's shape. With `base_url` the user wrote the
 * whole address and the values are not used. Undefined when a value is missing or wrong (the error is in `sink`).
 */
export function registryBaseUrl(
  row: RegistryRowDefaults,
  values: Record<string, FieldValue>,
  path: Array<string | number>,
  sink: DiagnosticSink,
): { baseUrl: string; urlParameters?: Record<string, string> } | undefined {
  const wanted = row.urlParameters ?? [];
  for (const name of KEYS) {
    if (
      values[name] !== undefined &&
      (typeof values.base_url === 'string' || !wanted.some((parameter) => parameter.key === name))
    ) {
      sink.warning(
        [...path, name],
        `\`${name}\` is not used by ${row.name} (\`${row.id}\`)${typeof values.base_url === 'string' ? ' when base_url is set' : ''}; it is ignored`,
      );
    }
  }
  if (typeof values.base_url === 'string') return { baseUrl: values.base_url };
  if (wanted.length === 0) return { baseUrl: row.baseUrl };
  const given: Record<string, string> = {};
  let ok = true;
  for (const parameter of wanted) {
    const value = values[parameter.key];
    if (typeof value !== 'string') {
      if (value === undefined)
        sink.error(
          path,
          `${row.name} (\`${row.id}\`) needs \`${parameter.key} = "…"\`: the ${parameter.label}, ${parameter.shape} (${parameter.where})`,
        );
      ok = false;
      continue;
    }
    const problem = urlParameterProblem(parameter, value);
    if (problem) {
      sink.error([...path, parameter.key], problem);
      ok = false;
      continue;
    }
    given[parameter.key] = value;
  }
  const baseUrl = ok ? fillUrlTemplate(row.baseUrl, given) : undefined;
  return baseUrl ? { baseUrl, urlParameters: given } : undefined;
}
