import { spawn, type ChildProcess } from 'node:child_process';
import { ProviderError, cancelledError } from '../util/errors';
import { MAX_CREDENTIAL_FILE_BYTES, describeSize } from '../util/limits';
import { Redactor } from '../util/redact';

/**
 * Running a command that prints a credential (AWS `credential_process`, an Entra token command such as
 * `az account get-access-token`): no shell, its own process group, a time limit, the caller's signal and a cap
 * on what it may print. What it prints is the caller's to parse, and never goes into an error.
 */

export const CREDENTIAL_COMMAND_TIMEOUT_MS = 30_000;
/** More output than any credential JSON: the process is stopped rather than buffered without end. */
const MAX_OUTPUT_BYTES = MAX_CREDENTIAL_FILE_BYTES;

/**
 * Splits a command line into argv the way the AWS CLI (botocore `compat_shell_split`) does, and the command then
 * runs WITHOUT a shell, as botocore runs it (`subprocess.Popen(argv)`): no `$VAR`, `~`, globs, pipes or `&&`.
 * POSIX rules: whitespace separates words, '…' is literal, "…" keeps `\"`, `\\`, `\$` and `` \` `` as escapes, a
 * backslash outside quotes escapes the next character. On Windows a backslash is a path separator and only `\"`
 * escapes (as in CommandLineToArgvW).
 */
export function splitCommandLine(command: string, platform: NodeJS.Platform = process.platform): string[] {
  const windows = platform === 'win32';
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (
        c === '\\' &&
        i + 1 < command.length &&
        (windows ? command[i + 1] === '"' : '"\\$`\n'.includes(command[i + 1]))
      )
        word += command[++i];
      else word += c;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (c === '"' || (c === "'" && !windows)) quote = c;
      else if (c === '\\' && i + 1 < command.length && (!windows || command[i + 1] === '"')) word += command[++i];
      else word += c;
    }
  }
  if (quote) throw new Error(`unbalanced ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** The first line of stderr, shortened and with anything secret-looking masked: never the whole output. */
export function safeFirstLine(text: string, secrets: Array<string | undefined> = []): string {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  const line =
    text
      .split(/\r?\n/)
      .find((candidate) => candidate.trim())
      ?.trim() ?? '';
  const redacted = redactor.redact(line);
  return redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted;
}

/** Kills the child and, on POSIX, every process of its group (it leads one: spawned detached). */
function killProcessGroup(child: ChildProcess): void {
  if (process.platform !== 'win32' && child.pid !== undefined) {
    try {
      process.kill(-child.pid, 'SIGKILL');
      return;
    } catch {
      // The group is gone already (or never formed): kill the child itself below.
    }
  }
  child.kill('SIGKILL');
}

export interface CredentialCommandInput {
  /** As written (for AWS, the profile's `credential_process`); split by splitCommandLine. */
  command: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The slot id, for cancellation errors. */
  provider: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** The caller's error for a failure: `detail` says what happened ("did not finish within 30s"). */
  fail(detail: string, kind: 'auth' | 'timeout'): ProviderError;
}

/** The command's stdout when it exits 0; otherwise the caller's error with the first line of stderr (masked). */
export async function runCredentialCommand(input: CredentialCommandInput): Promise<string> {
  let argv: string[];
  try {
    argv = splitCommandLine(input.command);
  } catch (error) {
    throw input.fail(`cannot be parsed: ${(error as Error).message}`, 'auth');
  }
  if (argv.length === 0) throw input.fail('is empty', 'auth');
  if (input.signal?.aborted) throw cancelledError(input.provider, input.signal.reason);
  const timeoutMs = input.timeoutMs ?? CREDENTIAL_COMMAND_TIMEOUT_MS;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.env)) if (value !== undefined) env[name] = value;

  const { stdout, stderr, exit } = await new Promise<{
    stdout: string;
    stderr: string;
    exit: { code: number | null; signal: NodeJS.Signals | null };
  }>((resolve, reject) => {
    // Its own process group (POSIX), so a stop reaches whatever it started too: a child left running would hold
    // the output pipes open, and the wait for them would outlast the timeout.
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
      windowsHide: true,
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: ProviderError | undefined;
    const stop = (error: ProviderError): void => {
      failure ??= error;
      killProcessGroup(child);
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer = setTimeout(
      () => stop(input.fail(`did not finish within ${timeoutMs / 1000}s`, 'timeout')),
      timeoutMs,
    );
    const onAbort = (): void => stop(cancelledError(input.provider, input.signal?.reason));
    input.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) stop(input.fail(`printed more than ${describeSize(MAX_OUTPUT_BYTES)}`, 'auth'));
      else into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    const finish = (): void => {
      clearTimeout(timer);
      input.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      reject(failure ?? input.fail(`could not start \`${argv[0]}\` (${error.code ?? error.message})`, 'auth'));
    });
    child.on('close', (code, signal) => {
      finish();
      if (failure) reject(failure);
      else
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          exit: { code, signal },
        });
    });
  });

  if (exit.code !== 0) {
    const why = exit.code === null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const first = safeFirstLine(stderr, [stdout.trim()]);
    throw input.fail(`${why}${first ? `: ${first}` : ''}`, 'auth');
  }
  return stdout.trim();
}
