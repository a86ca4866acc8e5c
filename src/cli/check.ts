import type { ParsedArgs } from './args';
import { cliRedactor, formatDiagnostic, loadCliConfig } from './context';
import { EXIT, writeLine, type CliIo } from './io';

/** `skynet check`: exit 0 when the config is valid, else `file:line:column: message` lines and exit 1. */
export async function runCheck(args: ParsedArgs, io: CliIo): Promise<number> {
  const redactor = cliRedactor(io.env);
  const loaded = loadCliConfig(io, args.values.config);
  const diagnostics = loaded.ok ? loaded.warnings : [...loaded.errors, ...loaded.warnings];
  if (args.values.json) {
    writeLine(
      io.stdout,
      JSON.stringify(
        { ok: loaded.ok, diagnostics: diagnostics.map((d) => ({ ...d, message: redactor.redact(d.message) })) },
        null,
        2,
      ),
    );
  } else {
    for (const diagnostic of diagnostics) writeLine(io.stderr, redactor.redact(formatDiagnostic(diagnostic)));
    if (loaded.ok) writeLine(io.stdout, `${loaded.config.file}: ok, ${loaded.config.slots.length} slot(s)`);
  }
  return loaded.ok ? EXIT.ok : EXIT.failed;
}
