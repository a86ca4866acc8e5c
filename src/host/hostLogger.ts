import type * as vscode from 'vscode';
import { createLogger, type Logger } from '../util/logger';
import type { Redactor } from '../util/redact';

/** The extension's logger: one LogOutputChannel, lines tagged by component, secrets redacted. */
export function createHostLogger(channel: vscode.LogOutputChannel, redactor: Redactor): Logger {
  return createLogger((level, line) => {
    switch (level) {
      case 'trace':
        return channel.trace(line);
      case 'debug':
        return channel.debug(line);
      case 'info':
        return channel.info(line);
      case 'warn':
        return channel.warn(line);
      case 'error':
        return channel.error(line);
    }
  }, redactor);
}
