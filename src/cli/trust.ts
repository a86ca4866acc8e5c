import * as fs from 'node:fs';
import { TrustBook, canonicalPath, contentHash } from '../trust/configTrust';
import { extrasExposures } from '../trust/extrasCredentials';
import { OriginApprovals, exposureOf } from '../trust/originGuard';
import { userCredentialOf } from '../trust/workspaceTrust';
import { findCliConfig, parseConfig, userConfigFile } from '../config';
import type { SkynetConfig } from '../config/types';
import { defaultBaseUrlFor } from '../providers/descriptors';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';
import type { ParsedArgs } from './args';
import { formatDiagnostic } from './context';
import { EXIT, writeLine, type CliIo } from './io';
import { CLI_EXPOSURE } from './trustedConfig';
import { userProjectKeys, withProjectKeys } from './projectKeys';
import { slotPerKey } from '../auth/storedKeys';

/** What approving the file lets it do: each slot's credential of the user, and any address that is not the provider's. */
function describeUse(config: SkynetConfig, io: CliIo): string[] {
  const lines: string[] = [];
  for (const slot of config.slots) {
    const credential = userCredentialOf(slot, {
      workspaceFolders: [],
      homeDir: io.homeDir,
      env: io.env,
      cwd: io.cwd,
      storedKeyLabel: CLI_EXPOSURE.storedKeyLabel,
    });
    if (!credential) continue;
    const exposure = exposureOf(slot, defaultBaseUrlFor(slot), CLI_EXPOSURE);
    const where = exposure ? `, sent to ${exposure.origins.join(', ')} (not the provider's own address)` : '';
    lines.push(`  [${slot.id}] ${credential}${where}`);
    for (const extra of extrasExposures(slot, defaultBaseUrlFor(slot)))
      lines.push(`  [${slot.id}] ${extra.secretLabel}, sent to ${extra.origins.join(', ')}`);
  }
  return lines;
}

function list(io: CliIo): number {
  const book = TrustBook.forHome(io.homeDir);
  const files = book.listFiles();
  if (files.length === 0) writeLine(io.stdout, 'No skynet.toml is trusted (your own ~/.skynet/skynet.toml always is).');
  for (const entry of files) {
    let state = 'missing';
    try {
      state = contentHash(fs.readFileSync(entry.file, 'utf8')) === entry.sha256 ? 'trusted' : 'changed since approved';
    } catch {
      // a file that is gone is listed as missing
    }
    writeLine(io.stdout, `${entry.file}\t${state}\t(approved ${entry.approvedAt})`);
  }
  for (const { secretId, origins } of book.listOrigins())
    writeLine(io.stdout, `origins approved for ${secretId}: ${origins.join(', ')}`);
  return EXIT.ok;
}

/**
 * `skynet trust [--config PATH] [--revoke | --list]`: approves the skynet.toml the CLI would read (path and
 * content), after saying what it will use; the origins it names for the user's secrets are approved with it.
 */
export async function runTrust(args: ParsedArgs, io: CliIo): Promise<number> {
  if (args.values.list) return list(io);
  const file = findCliConfig(args.values.config, io.cwd, io.homeDir);
  if (!file) {
    writeLine(
      io.stderr,
      'skynet: no skynet.toml here to trust (looked for ./skynet.toml and ~/.skynet/skynet.toml); name one with --config PATH',
    );
    return EXIT.usage;
  }
  const book = TrustBook.forHome(io.homeDir);
  const own = canonicalPath(file) === canonicalPath(userConfigFile(io.homeDir));
  if (args.values.revoke) {
    if (own) {
      writeLine(io.stderr, `skynet: ${file} is your own file and always trusted; there is nothing to revoke`);
      return EXIT.usage;
    }
    const removed = await book.revokeFile(file);
    writeLine(
      io.stdout,
      removed
        ? `No longer trusted: ${file} runs in restricted mode again.`
        : `${file} was not trusted: nothing to revoke.`,
    );
    return EXIT.ok;
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    writeLine(io.stderr, `skynet: cannot read ${file}: ${(error as Error).message}`);
    return EXIT.failed;
  }
  const parsed = parseConfig(text, file, io.env, KNOWN_PROVIDERS, io.homeDir);
  if (!parsed.ok) {
    for (const error of parsed.errors) writeLine(io.stderr, formatDiagnostic(error));
    writeLine(io.stderr, `skynet: ${file} has errors; fix them first, so that what you trust is what will run`);
    return EXIT.failed;
  }
  // The keys of the user's [projects] table for this project are approved with it, for the addresses it names.
  const config = withProjectKeys(parsed.config, userProjectKeys(parsed.config, io.cwd, io.homeDir, io.env));
  const uses = describeUse(config, io);
  writeLine(
    io.stdout,
    own
      ? `${file} is your own file (always trusted).`
      : `Trusting ${file} (sha256 ${contentHash(text).slice(0, 16)}…).`,
  );
  writeLine(io.stdout, uses.length > 0 ? 'With it, skynet may use:' : 'It uses none of your credentials.');
  for (const line of uses) writeLine(io.stdout, line);
  if (!own) await book.approveFile(file, text);
  const approvals = new OriginApprovals(book.originStore(), async () => false);
  for (const slot of config.slots.flatMap(slotPerKey)) {
    for (const exposure of [
      exposureOf(slot, defaultBaseUrlFor(slot), CLI_EXPOSURE),
      ...extrasExposures(slot, defaultBaseUrlFor(slot)),
    ]) {
      for (const origin of exposure?.origins ?? []) await approvals.approve(exposure!.secretId, origin);
    }
  }
  if (!own)
    writeLine(
      io.stdout,
      `Trusted. An edit to the file needs \`skynet trust\` again; \`skynet trust --revoke\` withdraws it.`,
    );
  return EXIT.ok;
}
