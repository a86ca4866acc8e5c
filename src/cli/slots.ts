import type { ParsedArgs } from './args';
import { openCliContext } from './context';
import { EXIT, writeLine, type CliIo } from './io';
import { displayUrl } from '../util/displayUrl';

/** `skynet slots`: router order, with each slot's state and, when unavailable, why. */
export async function runSlots(args: ParsedArgs, io: CliIo): Promise<number> {
  const context = await openCliContext(io, args.values);
  if (!context) return EXIT.usage;
  try {
    const health = context.router.health();
    const rows = context.router.slots.map((slot, index) => ({
      id: slot.config.id,
      provider: slot.config.kind,
      name: slot.config.displayName,
      model: slot.config.model,
      baseUrl: context.redactor.redact(displayUrl(slot.config.baseUrl)),
      state: health[index].state,
      // Added only when skynet.toml gives the slot a default (its table's, else [agent]'s): a word or a token budget.
      ...(slot.config.reasoning
        ? { reasoning: slot.config.reasoning.effort ?? slot.config.reasoning.budgetTokens }
        : {}),
      ...(health[index].unavailableReason ? { reason: context.redactor.redact(health[index].unavailableReason!) } : {}),
    }));
    if (args.values.json) {
      writeLine(io.stdout, JSON.stringify(rows, null, 2));
      return EXIT.ok;
    }
    if (rows.length === 0) {
      writeLine(io.stdout, 'No slots: add a provider to skynet.toml or set ANTHROPIC_API_KEY / OPENAI_API_KEY.');
      return EXIT.ok;
    }
    const widths = ['id', 'provider', 'model', 'state'].map((key) =>
      Math.max(key.length, ...rows.map((row) => String(row[key as keyof typeof row]).length)),
    );
    const pad = (values: string[]) => values.map((value, i) => value.padEnd(widths[i])).join('  ');
    writeLine(io.stdout, pad(['ID', 'PROVIDER', 'MODEL', 'STATE']) + '  BASE URL');
    for (const row of rows) {
      writeLine(
        io.stdout,
        `${pad([row.id, row.provider, row.model, row.state])}  ${row.baseUrl}${row.reason ? `\n  ↳ ${row.reason}` : ''}`,
      );
    }
    return EXIT.ok;
  } finally {
    await context.close();
  }
}

/** `skynet models`: what each usable slot (or `--slot`) offers. */
export async function runModels(args: ParsedArgs, io: CliIo): Promise<number> {
  const context = await openCliContext(io, args.values);
  if (!context) return EXIT.usage;
  let failed = false;
  try {
    const slots = context.router.slots.filter(
      (slot) => slot.client && (!args.values.slot || slot.config.id === args.values.slot),
    );
    if (args.values.slot && slots.length === 0) {
      writeLine(io.stderr, `skynet: no usable slot "${args.values.slot}"`);
      return EXIT.failed;
    }
    const result: Record<string, unknown> = {};
    for (const slot of slots) {
      try {
        const models = await slot.client!.listModels({ signal: io.signal });
        result[slot.config.id] = models;
        if (!args.values.json) for (const model of models) writeLine(io.stdout, `${slot.config.id}\t${model.id}`);
      } catch (error) {
        failed = true;
        const message = context.redactor.redact(error instanceof Error ? error.message : String(error));
        result[slot.config.id] = { error: message };
        writeLine(io.stderr, `skynet: ${slot.config.id}: ${message}`);
      }
    }
    if (args.values.json) writeLine(io.stdout, JSON.stringify(result, null, 2));
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    await context.close();
  }
}
