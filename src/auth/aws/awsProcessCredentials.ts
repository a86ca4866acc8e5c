import { spawn, type ChildProcess } from 'node:child_process';
import { ProviderError, cancelledError } from '../../util/errors';
import { MAX_CREDENTIAL_FILE_BYTES, describeSize } from '../../util/limits';
import { Redactor } from '../../util/redact';
import type { AwsCredentials } from './sigv4';

/** Credentials that may expire (`expiresAt` in ms since the epoch; absent = until the process is run again). */
export interface ExpiringCredentials {
  credentials: AwsCredentials;
  expiresAt?: number;
}

export const CREDENTIAL_PROCESS_TIMEOUT_MS = 30_000;
/** More output than any credential JSON: the process is stopped rather than buffered without end. */
const MAX_OUTPUT_BYTES = MAX_CREDENTIAL_FILE_BYTES;

/**
 * Splits a `credential_process` value into argv the way the AWS CLI (botocore `compat_shell_split`) does, and the
 * command then runs WITHOUT a shell, as botocore runs it (`subprocess.Popen(argv)`): no `$VAR`, `~`, globs, pipes
 * or `&&`. POSIX rules: whitespace separates words, '…' is literal, "…" keeps `\"`, `\\`, `\$` and `` \` `` as
 * escapes, a backslash outside quotes escapes the next character. On Windows a backslash is a path separator and
 * only `\"` escapes (as in CommandLineToArgvW).
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
      else if (c === '\\' && i + 1 < command.length && (windows ? command[i + 1] === '"' : '"\\$`\n'.includes(command[i + 1]))) word += command[++i];
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

export interface CredentialProcessInput {
  profile: string;
  command: string;
  env: Readonly<Record<string, string | undefined>>;
  provider: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The first line of stderr, shortened and with anything secret-looking masked: never the whole output. */
export function safeFirstLine(text: string, secrets: Array<string | undefined> = []): string {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.add(secret);
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim())?.trim() ?? '';
  const redacted = redactor.redact(line);
  return redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted;
}

function processError(input: CredentialProcessInput, detail: string, kind: 'auth' | 'timeout' = 'auth'): ProviderError {
  return new ProviderError({ kind, slot: input.provider, code: 'CredentialProcessError', message: `credential_process of AWS profile "${input.profile}" ${detail}` });
}

/** Reads the process output (`Version: 1`); the output itself is never put in an error. */
export function parseProcessOutput(stdout: string, input: Pick<CredentialProcessInput, 'profile' | 'provider'>): ExpiringCredentials {
  const fail = (detail: string): ProviderError => processError(input as CredentialProcessInput, detail);
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    throw fail('did not print JSON on stdout');
  }
  if (!body || typeof body !== 'object') throw fail('did not print a JSON object');
  if (body.Version !== 1) throw fail(`printed Version ${JSON.stringify(body.Version ?? null)}; only Version 1 is understood`);
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = body;
  if (typeof AccessKeyId !== 'string' || !AccessKeyId || typeof SecretAccessKey !== 'string' || !SecretAccessKey) throw fail('printed no AccessKeyId/SecretAccessKey');
  let expiresAt: number | undefined;
  if (Expiration !== undefined && Expiration !== null) {
    expiresAt = typeof Expiration === 'string' ? Date.parse(Expiration) : NaN;
    if (!Number.isFinite(expiresAt)) throw fail('printed an Expiration that is not an ISO 8601 time');
  }
  return {
    credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, ...(typeof SessionToken === 'string' && SessionToken ? { sessionToken: SessionToken } : {}) },
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
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

/** Runs the profile's `credential_process` (no shell; see splitCommandLine) with a timeout and the caller's signal. */
export async function runCredentialProcess(input: CredentialProcessInput): Promise<ExpiringCredentials> {
  let argv: string[];
  try {
    argv = splitCommandLine(input.command);
  } catch (error) {
    throw processError(input, `cannot be parsed: ${(error as Error).message}`);
  }
  if (argv.length === 0) throw processError(input, 'is empty');
  if (input.signal?.aborted) throw cancelledError(input.provider, input.signal.reason);
  const timeoutMs = input.timeoutMs ?? CREDENTIAL_PROCESS_TIMEOUT_MS;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.env)) if (value !== undefined) env[name] = value;

  const { stdout, stderr, exit } = await new Promise<{ stdout: string; stderr: string; exit: { code: number | null; signal: NodeJS.Signals | null } }>((resolve, reject) => {
    // Its own process group (POSIX), so a stop reaches whatever it started too: a child left running would hold
    // the output pipes open, and the wait for them would outlast the timeout.
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env, windowsHide: true, detached: process.platform !== 'win32' });
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
    const timer = setTimeout(() => stop(processError(input, `did not finish within ${timeoutMs / 1000}s`, 'timeout')), timeoutMs);
    const onAbort = (): void => stop(cancelledError(input.provider, input.signal?.reason));
    input.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) stop(processError(input, `printed more than ${describeSize(MAX_OUTPUT_BYTES)}`));
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
      reject(failure ?? processError(input, `could not start \`${argv[0]}\` (${error.code ?? error.message})`));
    });
    child.on('close', (code, signal) => {
      finish();
      if (failure) reject(failure);
      else resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), exit: { code, signal } });
    });
  });

  if (exit.code !== 0) {
    const why = exit.code === null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const first = safeFirstLine(stderr, [stdout.trim()]);
    throw processError(input, `${why}${first ? `: ${first}` : ''}`);
  }
  return parseProcessOutput(stdout.trim(), input);
}
