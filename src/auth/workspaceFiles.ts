import * as path from 'node:path';
import type { UserCredentialContext } from './workspaceTrust';
import { expandHome } from './secretFile';

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
