import type { RegistryEntry } from '../providers/registry';
import { fillUrlTemplate, urlParameterProblem } from '../providers/urlTemplate';
import type { DiagnosticSink, FieldValue } from './readFields';

const KEYS = ['account_id', 'gateway_id'] as const;

/**
 * The base URL of a registry row whose address holds values of the slot (Cloudflare's `{account_id}`): each value
 * checked here, at its line and column, so none can change the URL's shape. With `base_url` the user wrote the
 * whole address and the values are not used. Undefined when a value is missing or wrong (the error is in `sink`).
 */
export function registryBaseUrl(
  row: RegistryEntry,
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
