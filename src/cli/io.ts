import { printableText } from '../util/terminalText';

/** What a CLI command may touch: injected so tests run commands in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homeDir: string;
  signal: AbortSignal;
}

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  cancelled: 130,
} as const;

/** Writes one line, with whatever a server or file put in it made safe for a terminal (printableText). */
export function writeLine(stream: NodeJS.WritableStream, line: string): void {
  stream.write(`${printableText(line)}\n`);
}
