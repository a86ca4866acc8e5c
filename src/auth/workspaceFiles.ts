import * as path from 'node:path';
import type { SlotConfig } from '../config/types';
import { expandHome } from './secretFile';

/** Where the user's credentials are, as far as deciding whether a file a slot names is the user's or the repository's. */
export interface UserCredentialContext {
  /** The workspace folders: a key file inside one of them is the repository's own, not the user's. */
  workspaceFolders: readonly string[];
  homeDir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** What a relative key_file is read against (the client reads it relative to the process's directory). */
  cwd: string;
  /** Resolves symlinks (fs.realpathSync); a link inside the workspace to ~/keys/… is still the user's file. */
  realpath?: (file: string) => string;
  /** How the host names a slot's stored key (the CLI reads `<SLOT>_API_KEY` instead of Secret Storage). */
  storedKeyLabel?: (slot: SlotConfig) => string;
  /** What a disabled slot's reason starts with (the CLI speaks of an untrusted file, not a workspace). */
  reason?: string;
  /** Where the file lives, for the reason ("skynet.toml of this workspace"). */
  fileLabel?: string;
}

function inside(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = path.relative(folder, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

function realOrSame(file: string, realpath: ((file: string) => string) | undefined): string {
  try {
    return realpath ? realpath(file) : file;
  } catch {
    return file; // a missing file sends nothing; judge it by where it is written
  }
}

/**
 * Whether a file a slot names (as written: `~/`, relative to the process's directory) is the repository's own,
 * inside a workspace folder once symlinks are resolved; a link inside the workspace to ~/keys/… is the user's.
 */
export function isWorkspaceFile(written: string, context: UserCredentialContext): boolean {
  const file = path.resolve(context.cwd, expandHome(written, context.homeDir));
  const folders = context.workspaceFolders.map((folder) => realOrSame(folder, context.realpath));
  return inside(realOrSame(file, context.realpath), folders);
}
