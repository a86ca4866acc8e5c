import * as vscode from 'vscode';
import type { Logger } from '../../util/logger';
import { notificationText } from '../../util/terminalText';
import type { AnswerTracker } from './answerTracker';
import type { ChatSetup } from './chatSetup';
import { registerChatParticipant } from '../participant/chatParticipant';
import { chatApisOf, tryRegister, unavailableNotice, type SurfaceState } from './chatSurfaces';
import type { ConfigService } from '../configService/configService';
import { registerLanguageModelProvider } from '../languageModel/languageModelProvider';

export interface ChatSurfaceStates {
  states: SurfaceState[];
  /** The one notice shown when a surface is unavailable. */
  notice?: string;
}

/**
 * The model provider and the @skynet participant, each only where this editor has its API. Activation goes on
 * without them: the views, setup commands and Test Slots need neither. One warning names what is missing.
 */
export function registerChatSurfaces(
  context: vscode.ExtensionContext,
  service: ConfigService,
  tracker: AnswerTracker,
  logger: Logger,
  setup: ChatSetup,
): ChatSurfaceStates {
  const log = logger.child('surfaces');
  // Read defensively: a fork may omit the namespaces. SKYNET_TEST_HIDE_API is the host tests' way to do the same.
  const apis = chatApisOf(vscode as Parameters<typeof chatApisOf>[0], process.env.SKYNET_TEST_HIDE_API);
  const states = [
    tryRegister(
      'models',
      'vscode.lm.registerLanguageModelChatProvider',
      apis.lm?.registerLanguageModelChatProvider,
      (register) => registerLanguageModelProvider(context, service, tracker, logger, setup, register),
    ),
    tryRegister('participant', 'vscode.chat.createChatParticipant', apis.chat?.createChatParticipant, (create) =>
      registerChatParticipant(context, service, tracker, logger, create),
    ),
  ];
  // Not detected: an editor with vscode.chat but no chat extension to show the chat view (VS Code 1.104 without
  // Copilot Chat, VSCodium). vscode.extensions.all lists only this extension host's extensions, and code-server
  // runs Copilot Chat in another, so "no default participant among them" flagged a working chat as missing.
  const notice = unavailableNotice(states);
  if (notice) {
    log.warn('%s', notice);
    void vscode.window
      .showWarningMessage(notificationText(notice), 'Show Log')
      .then((choice) => choice && vscode.commands.executeCommand('skynet.showLog'));
  }
  return { states, notice };
}
