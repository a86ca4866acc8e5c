import * as fs from 'node:fs';
import * as path from 'node:path';
import { TrustBook, type FileTrust } from '../trust/configTrust';
import { envVarForSlot } from '../auth/credentialStore';
import { OriginApprovals, type ExposureOptions } from '../trust/originGuard';
import { markUntrustedSlots, restrictedConfig, slotsNeedingTrust } from '../trust/workspaceTrust';
import { findCliConfig, loadConfigFile, userConfigFile } from '../config';
import type { ConfigDiagnostic, SkynetConfig, SlotConfig } from '../config/types';
import { KNOWN_PROVIDERS } from '../providers/knownProviders';
import type { CliIo } from './io';

/** The CLI reads a slot's stored key from `<SLOT>_API_KEY`: prompts and refusals name that variable. */
export const CLI_EXPOSURE: Required<ExposureOptions> = {
  storedKeyLabel: (slot: SlotConfig) => `your environment variable ${envVarForSlot(slot.id)}`,
};

/** The command that approves the file the CLI would read with these flags. */
export function trustCommand(explicitPath: string | undefined): string {
  return explicitPath ? `skynet trust --config ${JSON.stringify(explicitPath)}` : 'skynet trust';
}

/** An untrusted file in use: what restricted mode disabled, and how to lift it. */
export interface RestrictedNotice {
  file: string;
  why: Extract<FileTrust, { trusted: false }>['why'];
  disabled: string[];
  command: string;
}

export type TrustedLoad =
  | {
      ok: true;
      config: SkynetConfig;
      warnings: ConfigDiagnostic[];
      withheld: Map<string, string>;
      restricted?: RestrictedNotice;
      book: TrustBook;
    }
  | { ok: false; errors: ConfigDiagnostic[]; warnings: ConfigDiagnostic[] };

/**
 * The CLI's config with its trust applied. A file is used with the user's credentials only when it is the user's
 * own `~/.skynet/skynet.toml` or `skynet trust` approved it at this path and content; `--config PATH` follows the
 * same rule, so naming a cloned repository's file is no way around it. Otherwise it runs as an untrusted VS Code
 * workspace does: keys written in it and keyless local slots only. The text is read once, so the content
 * judged is the content parsed.
 */
export function loadTrustedCliConfig(
  io: Pick<CliIo, 'cwd' | 'homeDir' | 'env'>,
  explicitPath: string | undefined,
): TrustedLoad {
  const book = TrustBook.forHome(io.homeDir);
  const file = findCliConfig(explicitPath, io.cwd, io.homeDir);
  let text = '';
  const loaded = loadConfigFile(
    file,
    io.env,
    KNOWN_PROVIDERS,
    io.homeDir,
    (name) => (text = fs.readFileSync(name, 'utf8')),
  );
  if (!loaded.ok) return loaded;
  const trust: FileTrust =
    file === undefined ? { trusted: true, why: 'user-config' } : book.check(file, text, userConfigFile(io.homeDir));
  if (trust.trusted || file === undefined) return { ...loaded, withheld: new Map(), book };
  const config = restrictedConfig(loaded.config, io.env);
  const withheld = slotsNeedingTrust(config.slots, {
    workspaceFolders: [path.dirname(file)],
    homeDir: io.homeDir,
    env: io.env,
    cwd: io.cwd,
    realpath: fs.realpathSync,
    storedKeyLabel: CLI_EXPOSURE.storedKeyLabel,
    reason: 'skynet.toml not trusted',
    fileLabel: 'this file',
  });
  const restricted: RestrictedNotice = {
    file,
    why: trust.why,
    disabled: [...withheld.keys()],
    command: trustCommand(explicitPath),
  };
  return {
    ok: true,
    config: markUntrustedSlots(config, withheld),
    warnings: loaded.warnings,
    withheld,
    restricted,
    book,
  };
}

/** The one stderr line that says restricted mode is on, what it disabled and how to lift it. */
export function restrictedNoticeLine(notice: RestrictedNotice): string {
  const changed = notice.why === 'changed' ? ' (it changed since you trusted it)' : '';
  const disabled = notice.disabled.length > 0 ? `; disabled: ${notice.disabled.join(', ')}` : '';
  return (
    `skynet: ${notice.file} is not trusted${changed}: restricted mode, it may use only keys written in it and local slots, ` +
    `never your keys, sign-ins or environment variables${disabled}. Review the file, then run: ${notice.command}`
  );
}

/** The CLI cannot ask: an origin nobody approved is refused, and the refusal says which command approves it. */
export function cliOriginApprovals(book: TrustBook, explicitPath: string | undefined): OriginApprovals {
  return new OriginApprovals(
    book.originStore(),
    async () => false,
    `review skynet.toml, then run \`${trustCommand(explicitPath)}\``,
  );
}
