import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { MAX_CREDENTIAL_FILE_BYTES, describeSize } from '../util/limits';
import * as path from 'node:path';

/** `~/x` → `<homeDir>/x`; other paths unchanged. */
export function expandHome(file: string, homeDir: string): string {
  if (file === '~') return homeDir;
  if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(homeDir, file.slice(2));
  return file;
}

/** Why a credential file was not read: not a regular file (a device, a pipe, a folder), or too large to be one. */
export class CredentialFileError extends Error {
  constructor(
    readonly file: string,
    readonly code: 'NOT_A_FILE' | 'TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'CredentialFileError';
  }
}

/**
 * A credential file's text, never more than `maxBytes`: a device (/dev/zero), a pipe or a folder, or a file larger
 * than any credential, is refused with a CredentialFileError instead of read. Opened non-blocking, so a pipe
 * without a writer cannot hang the read; checked on the open handle, so a swap after the check changes nothing.
 */
export async function readCredentialFile(file: string, maxBytes = MAX_CREDENTIAL_FILE_BYTES): Promise<string> {
  const handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new CredentialFileError(
        file,
        'NOT_A_FILE',
        `${file} is not a regular file, so skynet does not read it as a credential`,
      );
    const tooLarge = () =>
      new CredentialFileError(
        file,
        'TOO_LARGE',
        `${file} is larger than the ${describeSize(maxBytes)} a credential file may be, so skynet does not read it`,
      );
    if (stats.size > maxBytes) throw tooLarge();
    // The size may change after the stat: read at most one byte past the limit, whatever the file does.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge();
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** A credential file's text (see readCredentialFile), or undefined when it does not exist. Other failures throw. */
export async function readOptionalFile(file: string): Promise<string | undefined> {
  try {
    return await readCredentialFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes a secret atomically with owner-only permissions: a temp file beside the target, created 0600,
 * then renamed over it, so a reader never sees a half-written file and the secret is never world-readable.
 */
export async function writeSecretFile(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await fs.writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    // The umask never widens 0600, but an existing file's mode is kept by some filesystems: force it.
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Removes a file; a missing file is not an error. Returns whether something was removed. */
export async function removeFile(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
