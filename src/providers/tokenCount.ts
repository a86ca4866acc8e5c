/**
 * A token count as a server sent it: a finite number of at least 0, else undefined, so a negative, infinite
 * (`1e999` parses as Infinity) or wrongly typed count is dropped rather than summed into the usage.
 */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
