import { headerValueProblem } from '../../config/headerValue';
import type { TemplateValue } from '../../config/types';
import { ProviderError } from '../../util/errors';

export interface TemplateContext {
  slotId: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The slot's own API key, read only when a value names `${key}`. */
  key(): Promise<string | undefined>;
}

function missing(slotId: string, what: string, where: string): ProviderError {
  return new ProviderError({
    kind: 'auth',
    slot: slotId,
    code: 'missing-key',
    message: `${where} of ${slotId} uses ${what}, which is not set.`,
  });
}

/** A header or query value as it is sent now: references read per request (a changed variable or key needs no rebuild). */
export async function resolveTemplate(value: TemplateValue, where: string, context: TemplateContext): Promise<string> {
  let text = '';
  for (const part of value.parts) {
    if (part.type === 'text') text += part.value;
    else if (part.type === 'env') {
      const found = context.env[part.name];
      if (!found) throw missing(context.slotId, `\${env:${part.name}}`, where);
      text += found;
    } else {
      const found = await context.key();
      if (!found) throw missing(context.slotId, 'its API key (${key})', where);
      text += found;
    }
  }
  return text;
}

/** A resolved header value that came from a variable or key holding CR/LF: refused before it reaches the wire. */
export function checkResolvedHeader(slotId: string, name: string, value: string): void {
  const problem = headerValueProblem(value);
  if (problem)
    throw new ProviderError({
      kind: 'bad-request',
      slot: slotId,
      code: 'invalid-header',
      message: `Header ${name} of ${slotId} ${problem} once its references are filled in; fix the variable or key it reads.`,
    });
}
