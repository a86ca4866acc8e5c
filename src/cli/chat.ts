import { parseReasoningChoice } from '../config/reasoning';
import type { ChatMessage, ChatRequest } from '../providers/types';
import { ProviderError } from '../util/errors';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseMessagesFile, parseToolsFile } from './chatFiles';
import type { ParsedArgs } from './args';
import { openCliContext } from './context';
import { jsonErrorLine, jsonLineFor } from './events';
import { EXIT, writeLine, type CliIo } from './io';
import { printableText } from '../util/terminalText';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} takes a number, got "${value}"`);
  return parsed;
}

/** `--reasoning`: absent leaves each slot's skynet.toml default; `off` is a choice too, and overrules that default. */
function reasoningFlag(value: string | undefined): ChatRequest['reasoning'] {
  if (value === undefined) return undefined;
  try {
    return parseReasoningChoice(value);
  } catch {
    throw new Error(`--reasoning takes off, low, medium, high or a number of tokens (e.g. 8000), got "${value}"`);
  }
}

/** Largest `--messages` / `--tools` file read (a replayed agent conversation with images fits). */
const MAX_CHAT_FILE_BYTES = 32 * 1024 * 1024;

async function readChatFile(io: CliIo, file: string): Promise<{ name: string; text: string }> {
  const full = path.resolve(io.cwd, file);
  let size: number;
  try {
    size = (await fs.stat(full)).size;
  } catch (error) {
    throw new Error(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (size > MAX_CHAT_FILE_BYTES) throw new Error(`${file}: ${size} bytes, more than the ${MAX_CHAT_FILE_BYTES} read`);
  return { name: file, text: await fs.readFile(full, 'utf8') };
}

export async function buildChatRequest(args: ParsedArgs, io: CliIo): Promise<ChatRequest> {
  let prompt = args.positionals.join(' ');
  const conversation = args.values.messages ? await readChatFile(io, args.values.messages) : undefined;
  if (!conversation && (!prompt || prompt === '-') && io.stdin && !io.stdin.isTTY)
    prompt = (await readAll(io.stdin)).trim();
  if (!prompt && !conversation)
    throw new Error('chat needs a prompt: skynet chat "your question" (or pipe it on stdin, or --messages FILE)');
  const messages: ChatMessage[] = [];
  if (args.values.system) messages.push({ role: 'system', content: [{ type: 'text', text: args.values.system }] });
  if (conversation) messages.push(...parseMessagesFile(conversation.name, conversation.text));
  if (prompt) messages.push({ role: 'user', content: [{ type: 'text', text: prompt }] });
  const toolsFile = args.values.tools ? await readChatFile(io, args.values.tools) : undefined;
  const request: ChatRequest = {
    ...(toolsFile ? { tools: parseToolsFile(toolsFile.name, toolsFile.text) } : {}),
    messages,
    model: args.values.model,
    maxTokens: numberFlag(args.values['max-tokens'], 'max-tokens'),
    temperature: numberFlag(args.values.temperature, 'temperature'),
  };
  const reasoning = reasoningFlag(args.values.reasoning);
  if (reasoning !== undefined) request.reasoning = reasoning;
  return request;
}

export async function runChat(args: ParsedArgs, io: CliIo): Promise<number> {
  let request: ChatRequest;
  try {
    request = await buildChatRequest(args, io);
  } catch (error) {
    writeLine(io.stderr, `skynet: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const context = await openCliContext(io, args.values);
  if (!context) return EXIT.usage;
  const json = args.values.json === true;
  if (json && context.restricted) {
    const { file, why, disabled, command } = context.restricted;
    writeLine(io.stdout, JSON.stringify({ type: 'untrusted-config', file, reason: why, disabled, command }));
  }
  let endsWithNewline = true;
  const failovers: string[] = [];
  try {
    for await (const batch of context.router.streamBatches(request, { signal: io.signal, slotId: args.values.slot }))
      for (const event of batch) {
        if (json) {
          const line = jsonLineFor(event);
          if (line) writeLine(io.stdout, JSON.stringify(line));
          continue;
        }
        switch (event.type) {
          case 'text-delta':
            io.stdout.write(printableText(event.text));
            endsWithNewline = event.text.endsWith('\n');
            break;
          case 'tool-call':
            if (!endsWithNewline) io.stdout.write('\n');
            writeLine(io.stdout, `[tool-call ${event.name} ${JSON.stringify(event.arguments)}]`);
            endsWithNewline = true;
            break;
          case 'failover':
            failovers.push(
              `${event.from}${event.key !== undefined ? ` key ${event.key}` : ''} failed (${event.kind}): ${event.message}`,
            );
            break;
          case 'key-rotated':
            failovers.push(
              `${event.slot} key ${event.fromKey} failed (${event.kind}): ${event.message}, trying key ${event.toKey}`,
            );
            break;
          case 'slot-skipped':
            failovers.push(`${event.slot} skipped (${event.code}): ${event.message}`);
            break;
          case 'slot-answering':
            // Said once an answer comes; when none does, the final one-line error lists every slot's reason.
            if (failovers.length > 0)
              writeLine(
                io.stderr,
                context.redactor.redact(`skynet: ${failovers.join('; ')} · answered by ${event.slot}`),
              );
            break;
          case 'finish':
            if (args.values.verbose) writeLine(io.stderr, `skynet: answered by ${event.slot} (${event.reason})`);
            break;
          default:
            break;
        }
      }
    if (!json && !endsWithNewline) io.stdout.write('\n');
    return EXIT.ok;
  } catch (caught) {
    if (!json && !endsWithNewline) io.stdout.write('\n');
    const error =
      caught instanceof ProviderError
        ? caught
        : new ProviderError({
            kind: 'invalid-response',
            slot: 'skynet',
            message: caught instanceof Error ? caught.message : String(caught),
          });
    const message = context.redactor.redact(error.message);
    if (json) writeLine(io.stdout, JSON.stringify(jsonErrorLine(error, message)));
    writeLine(io.stderr, `skynet: ${error.slot === 'router' ? '' : `${error.slot}: `}${message}`);
    return error.kind === 'cancelled' ? EXIT.cancelled : EXIT.failed;
  } finally {
    await context.close();
  }
}
