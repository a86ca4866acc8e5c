import { listProviders } from '../providers/providerList';
import type { ParsedArgs } from './args';
import { EXIT, writeLine, type CliIo } from './io';

/** `skynet providers [--json]`: every provider Skynet knows, from the same descriptors as Add Provider and the docs. */
export async function runProviders(args: ParsedArgs, io: CliIo): Promise<number> {
  const providers = listProviders();
  if (args.values.json) {
    writeLine(io.stdout, JSON.stringify(providers, null, 2));
    return EXIT.ok;
  }
  const rows = providers.map((provider) => [
    provider.id,
    provider.service,
    provider.protocol,
    provider.baseUrl,
    provider.defaultModel,
    provider.local ? 'local' : provider.auth,
  ]);
  const header = ['ID', 'SERVICE', 'PROTOCOL', 'BASE URL', 'DEFAULT MODEL', 'AUTH'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows])
    writeLine(
      io.stdout,
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  '),
    );
  writeLine(
    io.stdout,
    `${providers.length} providers; add one with [providers.<id>] (native) or [[providers.openai_compat]] id = "<id>" (the rest).`,
  );
  return EXIT.ok;
}
