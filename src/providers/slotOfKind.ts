import type { ProviderKind, SlotConfig } from '../config/types';
import type { SlotOfKind } from './descriptor';

/** The slot as its kind's own type, for the module of that kind (the router only hands a module its own kind). */
export function slotOfKind<K extends ProviderKind>(slot: SlotConfig, kind: K): SlotOfKind<K> {
  if (slot.kind !== kind) throw new Error(`${kind} module given a ${slot.kind} slot`);
  return slot as SlotOfKind<K>;
}
