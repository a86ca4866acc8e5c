import { parseArgs } from 'node:util';
import { EnvCredentialStore } from '../auth/credentialStore';
import {
  copilotTokenFile,
  forgetGithubToken,
  githubTokenFileProblem,
  saveGithubToken,
} from '../auth/copilot/copilotGithubToken';
import { signInToCopilot } from '../auth/copilot/copilotSignIn';
import { exchangeCopilotToken } from '../auth/copilot/copilotToken';
import type { DeviceCodePrompt, Sleep } from '../auth/deviceFlow';
import {
  qwenCredentialsFile,
  qwenCredentialsFileProblem,
  removeQwenCredentials,
  writeQwenCredentials,
} from '../auth/qwen/qwenCredentials';
import { signInToQwen } from '../auth/qwen/qwenSignIn';
import type { CopilotSlot, QwenOAuthSlot, SkynetConfig } from '../config/types';
import { NATIVE_PROVIDERS } from '../providers/descriptors';
import { ProviderError } from '../util/errors';
import { createHttpClient, type HttpClient } from '../util/http';
import { cliHttpOptions } from './context';
import { EXIT, writeLine, type CliIo } from './io';

/** What `runLogin`/`runLogout` need from the CLI. `stdin` is not read. */
export type LoginIo = Omit<CliIo, 'stdin'>;

/** Injected by tests (fake clock, instant sleep) and by a caller that already loaded the config. */
export interface LoginOptions {
  config?: SkynetConfig;
  http?: HttpClient;
  sleep?: Sleep;
  now?: () => number;
}

type Target = { kind: 'copilot'; slot: CopilotSlot } | { kind: 'qwen'; slot: QwenOAuthSlot };

const DEFAULT_SOURCE = { file: '(built-in default)', line: 0, column: 0 };

/** Used when skynet.toml has no `[providers.copilot]`: github.com, with the registry's defaults. */
export function defaultCopilotSlot(): CopilotSlot {
  const defaults = NATIVE_PROVIDERS.copilot;
  return {
    id: 'copilot',
    kind: 'copilot',
    displayName: defaults.name,
    model: defaults.defaultModel,
    baseUrl: defaults.baseUrl,
    githubUrl: defaults.githubUrl,
    githubApiUrl: defaults.githubApiUrl,
    source: DEFAULT_SOURCE,
  };
}

function defaultQwenFile(homeDir: string): string {
  return qwenCredentialsFile(defaultQwenSlot().credentialsPath, homeDir);
}

/** Used when skynet.toml has no `[providers.qwen_oauth]`: qwen-code's own file, so both tools share one sign-in. */
export function defaultQwenSlot(): QwenOAuthSlot {
  const defaults = NATIVE_PROVIDERS.qwen_oauth;
  return {
    id: 'qwen_oauth',
    kind: 'qwen-oauth',
    displayName: defaults.name,
    model: defaults.defaultModel,
    baseUrl: defaults.baseUrl,
    authUrl: defaults.authUrl,
    credentialsPath: defaults.credentialsPath,
    source: DEFAULT_SOURCE,
  };
}

const LOGIN_USAGE = 'Usage: skynet login|logout copilot|qwen [--config PATH] [--slot ID]';

interface LoginArgs {
  provider: 'copilot' | 'qwen';
  config?: string;
  slot?: string;
}

function parseLoginArgs(argv: string[]): LoginArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      slot: { type: 'string', short: 's' },
      verbose: { type: 'boolean', short: 'v' },
    },
  });
  const words = positionals[0] === 'login' || positionals[0] === 'logout' ? positionals.slice(1) : positionals;
  if (words.length !== 1) throw new Error(LOGIN_USAGE);
  const name = words[0].toLowerCase();
  const provider =
    name === 'copilot' || name === 'github'
      ? 'copilot'
      : ['qwen', 'qwen-oauth', 'qwen_oauth'].includes(name)
        ? 'qwen'
        : undefined;
  if (!provider) throw new Error(`unknown sign-in provider "${words[0]}". ${LOGIN_USAGE}`);
  return { provider, config: values.config, slot: values.slot };
}

async function loadConfig(io: LoginIo, args: LoginArgs, options: LoginOptions): Promise<SkynetConfig | string[]> {
  if (options.config) return options.config;
  // Loaded lazily: only the CLI path needs the config loader.
  const { formatDiagnostic } = await import('./context');
  const { loadTrustedCliConfig, trustCommand } = await import('./trustedConfig');
  const loaded = loadTrustedCliConfig(io, args.config);
  if (!loaded.ok) return loaded.errors.map(formatDiagnostic);
  // An untrusted file's sign-in table would choose where the token is saved and which server signs you in.
  const kind = args.provider === 'copilot' ? 'copilot' : 'qwen-oauth';
  if (loaded.restricted && loaded.config.slots.some((slot) => slot.kind === kind)) {
    return [
      `skynet: ${loaded.restricted.file} is not trusted, so its ${kind} table is not used to sign in (it chooses where your token is saved and which server you sign in at). Review it, then run: ${trustCommand(args.config)}`,
    ];
  }
  return loaded.config;
}

/** The configured slot for the provider (or `--slot`), else the built-in default. */
function findTarget(config: SkynetConfig, args: LoginArgs): Target {
  const kind = args.provider === 'copilot' ? 'copilot' : 'qwen-oauth';
  const candidates = config.slots.filter((slot) => slot.kind === kind && (!args.slot || slot.id === args.slot));
  if (args.slot && candidates.length === 0) throw new Error(`no ${kind} slot with id "${args.slot}" in ${config.file}`);
  const slot = candidates[0];
  if (args.provider === 'copilot')
    return { kind: 'copilot', slot: slot?.kind === 'copilot' ? slot : defaultCopilotSlot() };
  return { kind: 'qwen', slot: slot?.kind === 'qwen-oauth' ? slot : defaultQwenSlot() };
}

function printPrompt(io: LoginIo, name: string, prompt: DeviceCodePrompt): void {
  writeLine(io.stdout, `To sign in to ${name}, open ${prompt.verificationUri}`);
  writeLine(io.stdout, `and enter the code: ${prompt.userCode}`);
  if (prompt.verificationUriComplete) writeLine(io.stdout, `(or open ${prompt.verificationUriComplete})`);
  writeLine(
    io.stdout,
    `Waiting for approval (the code expires in ${Math.round(prompt.expiresInSeconds / 60)} min; Ctrl-C cancels)…`,
  );
}

async function withContext(
  argv: string[],
  io: LoginIo,
  options: LoginOptions,
  work: (target: Target, http: HttpClient) => Promise<number>,
): Promise<number> {
  let args: LoginArgs;
  try {
    args = parseLoginArgs(argv);
  } catch (error) {
    writeLine(io.stderr, `skynet: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const config = await loadConfig(io, args, options);
  if (Array.isArray(config)) {
    for (const line of config) writeLine(io.stderr, line);
    return EXIT.usage;
  }
  let target: Target;
  try {
    target = findTarget(config, args);
  } catch (error) {
    writeLine(io.stderr, `skynet: ${(error as Error).message}`);
    return EXIT.usage;
  }
  let owned: ReturnType<typeof createHttpClient> | undefined;
  try {
    owned = options.http
      ? undefined
      : createHttpClient({
          connectTimeoutMs: config.router.connectTimeoutMs,
          firstByteTimeoutMs: config.router.firstByteTimeoutMs,
          ...cliHttpOptions(io.env),
        });
    return await work(target, options.http ?? owned!);
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'cancelled') {
      writeLine(io.stderr, 'skynet: sign-in cancelled');
      return EXIT.cancelled;
    }
    writeLine(io.stderr, `skynet: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    await owned?.close();
  }
}

async function loginCopilot(slot: CopilotSlot, http: HttpClient, io: LoginIo, options: LoginOptions): Promise<number> {
  // Said before the device flow, not after the user typed the code.
  const problem = await githubTokenFileProblem(slot, io.homeDir);
  if (problem)
    throw new Error(
      `not overwriting ${copilotTokenFile(slot, io.homeDir)}: ${problem}. Point token_path at a new file.`,
    );
  const now = options.now ?? Date.now;
  const githubToken = await signInToCopilot({
    slot,
    http,
    signal: io.signal,
    sleep: options.sleep,
    now,
    onPrompt: (prompt) => printPrompt(io, 'GitHub Copilot', prompt),
  });
  const context = { credentials: new EnvCredentialStore(io.env), homeDir: io.homeDir };
  const file = await saveGithubToken(slot, githubToken, context);
  writeLine(io.stdout, `Signed in to GitHub. Token saved to ${file} (readable only by you).`);
  // Check the account can use Copilot now, rather than at the first chat.
  await exchangeCopilotToken({ provider: slot.id, http, githubApiUrl: slot.githubApiUrl, now }, githubToken, io.signal);
  writeLine(io.stdout, `Copilot is ready: [${slot.id}] will chat with ${slot.model}.`);
  return EXIT.ok;
}

async function loginQwen(slot: QwenOAuthSlot, http: HttpClient, io: LoginIo, options: LoginOptions): Promise<number> {
  const target = qwenCredentialsFile(slot.credentialsPath, io.homeDir);
  const problem = await qwenCredentialsFileProblem(target, defaultQwenFile(io.homeDir));
  if (problem) throw new Error(`not overwriting ${target}: ${problem}. Point credentials_path at a new file.`);
  const credentials = await signInToQwen({
    slot,
    http,
    signal: io.signal,
    sleep: options.sleep,
    now: options.now,
    onPrompt: (prompt) => printPrompt(io, 'Qwen', prompt),
  });
  const file = qwenCredentialsFile(slot.credentialsPath, io.homeDir);
  await writeQwenCredentials(file, credentials, defaultQwenFile(io.homeDir));
  writeLine(io.stdout, `Signed in to Qwen. Credentials saved to ${file} (readable only by you).`);
  return EXIT.ok;
}

/** `skynet login copilot|qwen [--config PATH] [--slot ID]`: the device flow, printing the code and URL. Returns the exit code. */
export function runLogin(argv: string[], io: LoginIo, options: LoginOptions = {}): Promise<number> {
  return withContext(argv, io, options, (target, http) =>
    target.kind === 'copilot'
      ? loginCopilot(target.slot, http, io, options)
      : loginQwen(target.slot, http, io, options),
  );
}

/** `skynet logout copilot|qwen`: removes the saved token or credentials file. Returns the exit code. */
export function runLogout(argv: string[], io: LoginIo, options: LoginOptions = {}): Promise<number> {
  return withContext(argv, io, options, async (target) => {
    if (target.kind === 'copilot') {
      const removed = await forgetGithubToken(target.slot, {
        credentials: new EnvCredentialStore(io.env),
        homeDir: io.homeDir,
      });
      writeLine(
        io.stdout,
        removed.removed
          ? `Signed out of GitHub Copilot: removed ${removed.file}.`
          : `No saved GitHub token at ${removed.file}: nothing to remove.`,
      );
      return EXIT.ok;
    }
    const file = qwenCredentialsFile(target.slot.credentialsPath, io.homeDir);
    const removed = await removeQwenCredentials(file, defaultQwenFile(io.homeDir));
    writeLine(
      io.stdout,
      removed
        ? `Signed out of Qwen: removed ${file} (qwen-code shares this file, so it is signed out too).`
        : `No Qwen credentials at ${file}: nothing to remove.`,
    );
    return EXIT.ok;
  });
}
