import type { ParsedArgs } from './args';
import { openCliContext } from './context';
import { EXIT, writeLine, type CliIo } from './io';
import { formatAmount } from '../usage/spendBook';
import { KEPT_DAYS } from '../usage/usageLedger';
import { describeCost, usageRows } from '../usage/usageReport';

const DEFAULT_DAYS = 7;

/** `skynet usage [--days N] [--json]`: tokens, requests and cost per slot per local day, and every budget's state. */
export async function runUsage(args: ParsedArgs, io: CliIo): Promise<number> {
  const daysText = args.values.days ?? String(DEFAULT_DAYS);
  const days = /^\d+$/.test(daysText) ? Number(daysText) : NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > KEPT_DAYS) {
    writeLine(
      io.stderr,
      `skynet: --days must be a whole number from 1 to ${KEPT_DAYS} (usage is kept that long), not "${daysText}"`,
    );
    return EXIT.usage;
  }
  const context = await openCliContext(io, args.values);
  if (!context) return EXIT.usage;
  try {
    const now = Date.now();
    const rows = usageRows(context.spend.snapshot(), days, now);
    const budgets = context.config.slots.flatMap((slot) =>
      context.spend.limitsOf(slot).map((limit) => context.spend.statusOf(limit)),
    );
    // [budget] applies to several slots: listed once.
    const unique = budgets.filter(
      (status, index) =>
        budgets.findIndex((other) => other.slotId === status.slotId && other.key === status.key) === index,
    );
    if (args.values.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          { file: context.spend.file, days: rows, budgets: unique.map(({ where: _where, ...status }) => status) },
          null,
          2,
        ),
      );
      return EXIT.ok;
    }
    if (rows.length === 0)
      writeLine(io.stdout, `No usage in the last ${days} ${days === 1 ? 'day' : 'days'} (${context.spend.file}).`);
    else {
      const table = rows.map((row) => [
        row.day,
        row.slot,
        String(row.requests),
        count(row.inputTokens),
        count(row.cacheReadTokens),
        count(row.cacheWriteTokens),
        count(row.outputTokens),
        describeCost(row),
      ]);
      const header = ['DAY', 'SLOT', 'REQUESTS', 'INPUT', 'CACHE READ', 'CACHE WRITE', 'OUTPUT', 'COST'];
      const widths = header.map((title, column) =>
        Math.max(title.length, ...table.map((cells) => cells[column].length)),
      );
      for (const cells of [header, ...table])
        writeLine(
          io.stdout,
          cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join('  ')
            .trimEnd(),
        );
    }
    if (unique.length > 0) {
      writeLine(io.stdout, '');
      writeLine(io.stdout, 'Budgets (local time):');
      for (const status of unique) {
        const whose = status.slotId ?? 'all slots';
        const when = status.period === 'day' ? 'today' : 'this month';
        const percent = Math.floor((100 * status.spent) / status.limit);
        writeLine(
          io.stdout,
          `  ${whose} ${status.key}: ${formatAmount(status.unit, status.spent)} of ${formatAmount(status.unit, status.limit)} ${when} (${percent} %)${status.spent >= status.limit ? ' · budget reached' : ''}`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    await context.close();
  }
}

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
