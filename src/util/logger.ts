import { format } from 'node:util';
import type { Redactor } from './redact';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** Where finished, redacted lines go: VS Code's LogOutputChannel, stderr in the CLI, an array in tests. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
  /** A logger whose lines are tagged `[component]`. */
  child(component: string): Logger;
}

export function createLogger(sink: LogSink, redactor: Redactor, component?: string): Logger {
  const emit = (level: LogLevel, message: string, args: unknown[]): void => {
    const text = args.length > 0 ? format(message, ...args.map(describeArg)) : message;
    sink(level, redactor.redact(component ? `[${component}] ${text}` : text));
  };
  return {
    trace: (message, ...args) => emit('trace', message, args),
    debug: (message, ...args) => emit('debug', message, args),
    info: (message, ...args) => emit('info', message, args),
    warn: (message, ...args) => emit('warn', message, args),
    error: (message, ...args) => emit('error', message, args),
    child: (name) => createLogger(sink, redactor, component ? `${component}/${name}` : name),
  };
}

function describeArg(arg: unknown): unknown {
  if (arg instanceof Error) return `${arg.name}: ${arg.message}`;
  return arg;
}

/** A logger that drops everything: for callers that have nothing to log to. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
