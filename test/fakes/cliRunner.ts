import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `skynet ARGV` in-process with exactly `env` (never the test process's own), home under `cwd`/home. */
export async function runCliInProcess(
  argv: string[],
  options: { cwd: string; env: Record<string, string>; signal?: AbortSignal; stdin?: string },
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.end(options.stdin ?? '');
  const io: CliIo = {
    stdout,
    stderr,
    stdin,
    env: options.env,
    cwd: options.cwd,
    homeDir: path.join(options.cwd, 'home'),
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await runCli(argv, io);
  return { code, stdout: out, stderr: err };
}

/**
 * `skynet trust` (of the file `argv` would read), then `skynet ARGV`: a user running their own reviewed file. For
 * tests about what a command does, not about trust (test/unit/cli/cliTrust.test.ts covers that).
 */
export async function runTrustedCli(argv: string[], options: Parameters<typeof runCliInProcess>[1]): Promise<CliRun> {
  const at = argv.findIndex((arg) => arg === '--config' || arg === '-c');
  const config = at >= 0 ? ['--config', argv[at + 1]] : argv.filter((arg) => arg.startsWith('--config=')).slice(0, 1);
  await runCliInProcess(['trust', ...config], { ...options, stdin: undefined });
  return runCliInProcess(argv, options);
}
