import { promises as fs } from 'node:fs';

/** A sign-in's token file is small: a larger file is not one, and is never read whole. */
export const TOKEN_FILE_MAX_BYTES = 64 * 1024;

/** The file's text when it is a regular file of at most `maxBytes`; why not otherwise; undefined when missing. */
export async function readSmallFile(
  file: string,
  maxBytes = TOKEN_FILE_MAX_BYTES,
): Promise<{ text: string } | { problem: string } | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { problem: 'it is not a regular file' };
    const buffer = Buffer.alloc(maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes + 1, 0);
    if (bytesRead > maxBytes) return { problem: `it is larger than ${maxBytes / 1024} KB, which no token file is` };
    return { text: buffer.subarray(0, bytesRead).toString('utf8') };
  } finally {
    await handle.close();
  }
}

export interface TokenFileShape {
  /** For the message: "a GitHub token file (…)". */
  description: string;
  /** The sign-in's own default file: replaced or removed whatever it holds. */
  defaultFile?: string;
  looksLikeTokenFile(text: string): boolean;
}

/**
 * Why a sign-in must not overwrite or delete `file`, or undefined when it may: the file is missing or empty, is the
 * sign-in's default file, or reads as that sign-in's token file. `token_path`/`credentials_path` may name any file
 * (an SSH key, `.bashrc`), and signing out must never cost the user that file.
 */
export async function tokenFileProblem(file: string, shape: TokenFileShape): Promise<string | undefined> {
  if (shape.defaultFile && file === shape.defaultFile) return undefined;
  const read = await readSmallFile(file);
  if (read === undefined) return undefined;
  if ('problem' in read) return read.problem;
  if (read.text.trim() === '' || shape.looksLikeTokenFile(read.text)) return undefined;
  return `it does not look like ${shape.description}`;
}
