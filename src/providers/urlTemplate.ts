import type { UrlParameter } from './descriptor';

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
