import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CredentialStore } from '../auth/credentialStore';
import { writeSecretFile } from '../auth/secretFile';

/**
 * The CLI's record of which skynet.toml files the user approved with `skynet trust` (as `direnv allow` and
 * `mise trust` do): a file is trusted at the path and content it was approved with, so an edit (a `git pull`)
 * needs approval again. Origins approved for the user's secrets (the CLI's answer to VS Code's origin modal)
 * live in the same file. Kept in `~/.skynet/trusted.json`, owner-only.
 */
interface TrustRecord {
  files: Record<string, { sha256: string; approvedAt: string }>;
  origins: Record<string, string[]>;
}

export function trustBookFile(homeDir: string): string {
  return path.join(homeDir, '.skynet', 'trusted.json');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Where a file really is, so a symlink or `./` spelling is the same file. */
export function canonicalPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function emptyRecord(): TrustRecord {
  return { files: {}, origins: {} };
}

function readRecord(file: string): TrustRecord {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return emptyRecord();
  }
  try {
    const parsed = JSON.parse(text) as Partial<TrustRecord>;
    const record = emptyRecord();
    for (const [name, entry] of Object.entries(parsed.files ?? {})) {
      if (entry && typeof entry.sha256 === 'string')
        record.files[name] = { sha256: entry.sha256, approvedAt: String(entry.approvedAt ?? '') };
    }
    for (const [secret, origins] of Object.entries(parsed.origins ?? {})) {
      if (Array.isArray(origins))
        record.origins[secret] = origins.filter((origin): origin is string => typeof origin === 'string');
    }
    return record;
  } catch {
    return emptyRecord(); // a damaged record trusts nothing; `skynet trust` writes a fresh one
  }
}

export type FileTrust =
  { trusted: true; why: 'user-config' | 'approved' } | { trusted: false; why: 'not-approved' | 'changed' };

export class TrustBook {
  private record: TrustRecord;

  constructor(private readonly file: string) {
    this.record = readRecord(file);
  }

  static forHome(homeDir: string): TrustBook {
    return new TrustBook(trustBookFile(homeDir));
  }

  /** Whether `text`, read from `configFile`, is what the user approved (or the user's own file). */
  check(configFile: string, text: string, userConfig: string): FileTrust {
    const where = canonicalPath(configFile);
    if (where === canonicalPath(userConfig)) return { trusted: true, why: 'user-config' };
    const entry = this.record.files[where];
    if (!entry) return { trusted: false, why: 'not-approved' };
    return entry.sha256 === contentHash(text) ? { trusted: true, why: 'approved' } : { trusted: false, why: 'changed' };
  }

  async approveFile(configFile: string, text: string, now: Date = new Date()): Promise<void> {
    this.record.files[canonicalPath(configFile)] = { sha256: contentHash(text), approvedAt: now.toISOString() };
    await this.save();
  }

  /** Returns whether the file had been approved. */
  async revokeFile(configFile: string): Promise<boolean> {
    const where = canonicalPath(configFile);
    if (!this.record.files[where]) return false;
    delete this.record.files[where];
    await this.save();
    return true;
  }

  listFiles(): Array<{ file: string; sha256: string; approvedAt: string }> {
    return Object.entries(this.record.files).map(([file, entry]) => ({ file, ...entry }));
  }

  /** The approved origins as a CredentialStore, the shape `OriginApprovals` keeps them in. */
  originStore(): CredentialStore {
    const secretOf = (key: string): string | undefined =>
      key.endsWith('.origins') ? key.slice(0, -'.origins'.length) : undefined;
    return {
      get: async (key) => {
        const secret = secretOf(key);
        return secret && this.record.origins[secret] ? JSON.stringify(this.record.origins[secret]) : undefined;
      },
      set: async (key, value) => {
        const secret = secretOf(key);
        if (!secret) return;
        this.record.origins[secret] = (JSON.parse(value) as unknown[]).filter(
          (origin): origin is string => typeof origin === 'string',
        );
        await this.save();
      },
      delete: async (key) => {
        const secret = secretOf(key);
        if (!secret || !this.record.origins[secret]) return;
        delete this.record.origins[secret];
        await this.save();
      },
    };
  }

  /** Every (secret, origin) pair approved, for `skynet trust --list`. */
  listOrigins(): Array<{ secretId: string; origins: string[] }> {
    return Object.entries(this.record.origins).map(([secretId, origins]) => ({ secretId, origins }));
  }

  private async save(): Promise<void> {
    await writeSecretFile(this.file, `${JSON.stringify(this.record, null, 2)}\n`);
  }
}
