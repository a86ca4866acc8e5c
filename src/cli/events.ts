import type { RoutedEvent } from '../router/types';
import type { ProviderError } from '../util/errors';

/**
 * The `--json` event lines of `skynet chat`: a public, stable surface. Fields are only ever added.
 * `slot-answering` is internal and not printed; `error` is the last line of a failed run.
 */
export function jsonLineFor(event: RoutedEvent): Record<string, unknown> | undefined {
  switch (event.type) {
    case 'text-delta':
      return { type: 'text-delta', text: event.text };
    case 'reasoning-delta':
      return { type: 'reasoning-delta', text: event.text, ...(event.signature ? { signature: event.signature } : {}) };
    case 'tool-call':
      return {
        type: 'tool-call',
        id: event.id,
        name: event.name,
        arguments: event.arguments,
        ...(event.signature ? { signature: event.signature } : {}),
      };
    case 'usage': {
      const { type, ...usage } = event;
      return { type, ...usage };
    }
    case 'failover':
      return {
        type: 'failover',
        from: event.from,
        ...(event.key !== undefined ? { key: event.key } : {}),
        kind: event.kind,
        message: event.message,
        ...(event.status ? { status: event.status } : {}),
      };
    case 'key-rotated':
      // A key is named by its number in the slot's list (1-based), never by any part of its value.
      return {
        type: 'key-rotated',
        slot: event.slot,
        fromKey: event.fromKey,
        toKey: event.toKey,
        kind: event.kind,
        message: event.message,
        ...(event.status ? { status: event.status } : {}),
      };
    case 'finish':
      return {
        type: 'finish',
        reason: event.reason,
        ...(event.rawReason ? { rawReason: event.rawReason } : {}),
        slot: event.slot,
      };
    case 'slot-skipped':
      return { type: 'slot-skipped', slot: event.slot, code: event.code, message: event.message };
    case 'slot-answering':
      return undefined;
  }
}

export function jsonErrorLine(error: ProviderError, message: string): Record<string, unknown> {
  return {
    type: 'error',
    kind: error.kind,
    slot: error.slot,
    message,
    ...(error.status ? { status: error.status } : {}),
  };
}
