import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadServiceAccount } from '../../../src/auth/google/googleServiceAccount';
import { CredentialFileError, readCredentialFile, readOptionalFile } from '../../../src/auth/secretFile';
import { ProviderError } from '../../../src/util/errors';
import { MAX_CREDENTIAL_FILE_BYTES } from '../../../src/util/limits';

describe('credential files are read with a bound', () => {
  let dir: string;
  before(async () => (dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skynet-secretfile-'))));
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('a small file is read; a missing one is undefined', async () => {
    const file = path.join(dir, 'token');
    await fs.writeFile(file, 'ghu_abc\n');
    assert.equal(await readOptionalFile(file), 'ghu_abc\n');
    assert.equal(await readOptionalFile(path.join(dir, 'absent')), undefined);
  });

  it(`a file larger than ${MAX_CREDENTIAL_FILE_BYTES} bytes is refused without being read`, async () => {
    const file = path.join(dir, 'huge');
    await fs.writeFile(file, Buffer.alloc(MAX_CREDENTIAL_FILE_BYTES + 1, 'a'));
    await assert.rejects(
      readOptionalFile(file),
      (error: unknown) =>
        error instanceof CredentialFileError && error.code === 'TOO_LARGE' && /1 MiB/.test(error.message),
    );
    assert.equal((await readCredentialFile(file, MAX_CREDENTIAL_FILE_BYTES + 1)).length, MAX_CREDENTIAL_FILE_BYTES + 1);
  });

  it('a device (/dev/zero), a folder or a pipe is refused at once, with a clear error', async function () {
    if (process.platform === 'win32') this.skip();
    await assert.rejects(
      readOptionalFile('/dev/zero'),
      (error: unknown) =>
        error instanceof CredentialFileError && error.code === 'NOT_A_FILE' && /not a regular file/.test(error.message),
    );
    await assert.rejects(
      readOptionalFile(dir),
      (error: unknown) => error instanceof CredentialFileError || (error as NodeJS.ErrnoException).code === 'EISDIR',
    );
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(
      readOptionalFile(fifo),
      (error: unknown) => error instanceof CredentialFileError && error.code === 'NOT_A_FILE',
    );
  });

  it('/dev/zero as a Vertex key_file is an auth error naming the file', async function () {
    if (process.platform === 'win32') this.skip();
    await assert.rejects(
      loadServiceAccount('/dev/zero', 'vertex'),
      (error: unknown) =>
        error instanceof ProviderError &&
        error.kind === 'auth' &&
        /\/dev\/zero.*not a regular file/.test(error.message),
    );
  });
});
