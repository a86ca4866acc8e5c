import { headerNameProblem, headerValueProblem } from './headerValue';
import type { DiagnosticSink } from './readFields';
import { describeType, isTable, keyName } from './readFields';
import type { TemplatePart, TemplateValue } from './types';

const REFERENCE = /\$\{(?:env:([A-Za-z_][A-Za-z0-9_]*)|(key))\}/g;

/** Header names that carry a credential even when written literally: redacted and bound like a key. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|api-key|x-api-key|cookie)$|-key$|token|secret|auth/i;

export function isCredentialHeaderName(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** `"Bearer ${env:HELICONE_KEY}"` → text and reference parts. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    if (match.index > last) parts.push({ type: 'text', value: text.slice(last, match.index) });
    parts.push(match[1] ? { type: 'env', name: match[1] } : { type: 'key' });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ type: 'text', value: text.slice(last) });
  return parts;
}

export function hasReference(value: TemplateValue): boolean {
  return value.parts.some((part) => part.type !== 'text');
}

/**
 * Reads a `headers` or `query` table: names and literal text checked here (line:column), references kept for the
 * request. Unknown `${…}` forms are a warning (used as text), like `api_key`.
 */
export function readTemplateTable(
  kind: 'headers' | 'query',
  value: unknown,
  path: Array<string | number>,
  sink: DiagnosticSink,
): Record<string, TemplateValue> | undefined {
  if (!isTable(value)) {
    sink.error(
      path,
      `${keyName(path)} must be a table of names and strings (e.g. ${kind} = { "X-Title" = "My app" }), not ${describeType(value)}`,
    );
    return undefined;
  }
  const result: Record<string, TemplateValue> = {};
  let ok = true;
  const seen = new Set<string>();
  for (const [name, raw] of Object.entries(value)) {
    const at = [...path, name];
    if (typeof raw !== 'string') {
      sink.error(at, `${kind} value "${name}" must be a string, not ${describeType(raw)}`);
      ok = false;
      continue;
    }
    const nameProblem =
      kind === 'headers' ? headerNameProblem(name) : name.trim() === '' ? 'a query parameter needs a name' : undefined;
    const valueProblem = kind === 'headers' ? headerValueProblem(raw) : undefined;
    const folded = kind === 'headers' ? name.toLowerCase() : name;
    if (nameProblem || valueProblem || seen.has(folded)) {
      sink.error(
        at,
        nameProblem ??
          (valueProblem
            ? `The value of header ${name} ${valueProblem}`
            : `Header ${name} is written twice (names ignore case)`),
      );
      ok = false;
      continue;
    }
    seen.add(folded);
    const parts = parseTemplate(raw);
    const template: TemplateValue = { parts, secret: false };
    if (parts.some((part) => part.type === 'text' && part.value.includes('${'))) {
      sink.warning(
        at,
        `${kind} value "${name}" has a \`\${…}\` that is neither \`\${env:NAME}\` nor \`\${key}\`; it is sent as written`,
      );
    }
    template.secret =
      hasReference(template) ||
      (kind === 'headers' ? isCredentialHeaderName(name) : /key|token|secret|sig/i.test(name));
    result[name] = template;
  }
  return ok ? result : undefined;
}
