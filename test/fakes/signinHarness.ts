import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io';
import { MemoryCredentialStore } from '../../src/auth/credentialStore';
import type { CopilotSlot, QwenOAuthSlot } from '../../src/config/types';
import type { ChatEvent, ProviderDeps } from '../../src/providers/types';
import { ProviderError } from '../../src/util/errors';
import { createHttpClient, type HttpClient } from '../../src/util/http';
import { silentLogger } from '../../src/util/logger';
import { startFakeServer, type FakeServer } from './fakeServer';

/** A clock the test moves, and a sleep that records what the flow asked for and advances the clock at once. */
export function fakeTime(start = 1_700_000_000_000): {
  now: () => number;
  advance(ms: number): void;
  sleeps: number[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
    sleeps,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** Small timeouts so the fault tests stay fast. */
export function testHttp(firstByteTimeoutMs = 1000): HttpClient & { close(): Promise<void> } {
  return createHttpClient({ connectTimeoutMs: 500, firstByteTimeoutMs, idleTimeoutMs: 200 });
}

export function testDeps(http: HttpClient, overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return {
    http,
    logger: silentLogger,
    credentials: new MemoryCredentialStore(),
    env: {},
    now: () => Date.now(),
    homeDir: '/nonexistent',
    ...overrides,
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-signin-'));
}

const SOURCE = { file: 'skynet.toml', line: 1, column: 1 };

export function copilotSlot(
  urls: { githubUrl?: string; githubApiUrl: string; baseUrl?: string },
  tokenPath?: string,
): CopilotSlot {
  return {
    id: 'copilot',
    kind: 'copilot',
    displayName: 'GitHub Copilot',
    model: 'gpt-4.1',
    baseUrl: urls.baseUrl ?? 'https://api.githubcopilot.com',
    githubUrl: urls.githubUrl ?? 'https://github.com',
    githubApiUrl: urls.githubApiUrl,
    tokenPath,
    source: SOURCE,
  };
}

export function qwenSlot(
  authUrl: string,
  credentialsPath: string,
  baseUrl = 'https://dashscope.aliyuncs.com/compatible-mode/v1',
): QwenOAuthSlot {
  return {
    id: 'qwen_oauth',
    kind: 'qwen-oauth',
    displayName: 'Qwen (OAuth)',
    model: 'qwen3-coder-plus',
    baseUrl,
    authUrl,
    credentialsPath,
    source: SOURCE,
  };
}

export function replyJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Parses a form-encoded body into an object. */
export function formOf(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export async function collectEvents(events: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const out: ChatEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** The rejection of `promise`, which must reject with a ProviderError. */
export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw new Error(`expected a ProviderError, got ${String(error)}`);
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** The text an OpenAI recording streams: every `choices[0].delta.content` joined. */
export function textOfChunks(chunks: string[]): string {
  let text = '';
  for (const chunk of chunks) {
    const content = (JSON.parse(chunk) as { choices?: Array<{ delta?: { content?: string | null } }> }).choices?.[0]
      ?.delta?.content;
    if (content) text += content;
  }
  return text;
}

/** Registers mocha hooks for a fresh fake server per test; read `.server` inside tests. */
export function useFakeServer(): { server: FakeServer } {
  const holder = {} as { server: FakeServer };
  beforeEach(async () => {
    holder.server = await startFakeServer();
  });
  afterEach(async () => holder.server.close());
  return holder;
}

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command in-process with its output captured; `home` is both the working and the home directory. */
export async function runCommand(
  command: (io: CliIo) => Promise<number>,
  home: string,
  signal = new AbortController().signal,
): Promise<CommandRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (data) => (out += data));
  stderr.on('data', (data) => (err += data));
  const stdin = new PassThrough();
  stdin.end('');
  const code = await command({ stdout, stderr, stdin, env: {}, cwd: home, homeDir: home, signal });
  return { code, stdout: out, stderr: err };
}
