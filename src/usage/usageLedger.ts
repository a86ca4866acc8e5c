/**
 * Usage per slot per local day, as kept on disk (`usage.json`): plain data and pure operations on it.
 * Days are the local calendar day of the machine (`YYYY-MM-DD` in its time zone), months the local calendar month.
 */

export interface UsageCounts {
  requests: number;
  /** Every prompt token, cached ones included (as providers report them: see `Usage`). */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** The cost of the requests whose price was known. */
  costUsd: number;
  /** Requests whose cost is unknown (no price for the model, or for a kind of token they used). */
  unpricedRequests: number;
}

export interface UsageData {
  version: 1;
  /** Local day → slot id → counts. */
  days: Record<string, Record<string, UsageCounts>>;
  /** Budget warnings already given, one key per budget and period (`<scope>:<budget key>:<period>`). */
  warned: string[];
}

/** How many days are kept: a year and a month, so `--days 365` and every month's budget still see theirs. */
export const KEPT_DAYS = 400;
/** At most this many slots per day (a config has far fewer; a file that says otherwise is not ours). */
export const MAX_SLOTS_PER_DAY = 500;

const COUNT_KEYS = [
  'requests',
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'cacheWriteTokens',
  'costUsd',
  'unpricedRequests',
] as const;

export function emptyCounts(): UsageCounts {
  return {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    unpricedRequests: 0,
  };
}

export function emptyUsage(): UsageData {
  return { version: 1, days: {}, warned: [] };
}

/** Tokens as budgets count them: every input token (cached ones included) and every output token. */
export function tokensOf(counts: UsageCounts): number {
  return counts.inputTokens + counts.outputTokens;
}

const two = (value: number): string => String(value).padStart(2, '0');

/** The local calendar day of an instant, `YYYY-MM-DD`. */
export function localDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** The local calendar month of an instant (or of a day key), `YYYY-MM`. */
export function localMonth(ms: number): string {
  return localDay(ms).slice(0, 7);
}

export function addCounts(into: UsageCounts, delta: UsageCounts): void {
  for (const key of COUNT_KEYS) into[key] += delta[key];
}

/** Adds one request's counts to a slot's day. */
export function recordUsage(data: UsageData, day: string, slotId: string, delta: UsageCounts): void {
  const slots = (data.days[day] ??= {});
  const counts = (slots[slotId] ??= emptyCounts());
  addCounts(counts, delta);
}

/** The counts of one slot (or all slots) over the days `include` accepts. */
export function sumUsage(data: UsageData, include: (day: string) => boolean, slotId?: string): UsageCounts {
  const total = emptyCounts();
  for (const [day, slots] of Object.entries(data.days)) {
    if (!include(day)) continue;
    for (const [slot, counts] of Object.entries(slots))
      if (slotId === undefined || slot === slotId) addCounts(total, counts);
  }
  return total;
}

/** Drops days older than `KEPT_DAYS` before `today`, and warnings of periods no kept day belongs to. */
export function pruneUsage(data: UsageData, today: string): void {
  const days = Object.keys(data.days).sort();
  const cutoff = localDay(Date.parse(`${today}T12:00:00`) - KEPT_DAYS * 86_400_000);
  for (const day of days) if (day < cutoff) delete data.days[day];
  const oldest = cutoff.slice(0, 7);
  data.warned = data.warned.filter((key) => (key.split(':').pop() ?? '') >= oldest);
}

export class UsageFileError extends Error {}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function countsFrom(value: unknown, where: string): UsageCounts {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageFileError(`${where} is not an object`);
  const counts = emptyCounts();
  for (const key of COUNT_KEYS) {
    const number = (value as Record<string, unknown>)[key];
    if (number === undefined) continue;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0)
      throw new UsageFileError(`${where}.${key} is not a count`);
    counts[key] = number;
  }
  return counts;
}

/** The text of usage.json → data; throws `UsageFileError` saying what is wrong (the caller starts afresh). */
export function parseUsage(text: string): UsageData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageFileError(`it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1)
    throw new UsageFileError('it is not a version 1 usage file');
  const { days, warned } = raw as { days?: unknown; warned?: unknown };
  if (typeof days !== 'object' || days === null || Array.isArray(days))
    throw new UsageFileError('"days" is not an object');
  const data = emptyUsage();
  for (const [day, slots] of Object.entries(days)) {
    if (!DAY.test(day)) throw new UsageFileError(`"${day.slice(0, 20)}" is not a day`);
    if (typeof slots !== 'object' || slots === null || Array.isArray(slots))
      throw new UsageFileError(`day ${day} is not an object`);
    const entries = Object.entries(slots);
    if (entries.length > MAX_SLOTS_PER_DAY) throw new UsageFileError(`day ${day} has ${entries.length} slots`);
    data.days[day] = Object.fromEntries(
      entries.map(([slot, counts]) => [slot, countsFrom(counts, `${day}.${slot.slice(0, 40)}`)]),
    );
  }
  if (warned !== undefined && (!Array.isArray(warned) || warned.some((key) => typeof key !== 'string')))
    throw new UsageFileError('"warned" is not a list of strings');
  data.warned = (warned as string[] | undefined) ?? [];
  return data;
}
