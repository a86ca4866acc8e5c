import * as vscode from 'vscode';
import type { Logger } from '../../util/logger';
import type { ConfigService } from '../configService/configService';

/**
 * VS Code's own chat stays locked behind "Sign in to use GitHub Copilot" in a profile without a Copilot sign-in
 * until the profile has a language-model provider group of another vendor (the workbench's `hasByokModels`,
 * checked in VS Code 1.139.1 on 2026-12-05). The supported way to make one: Chat: Manage Language Models →
 * Add Models → Skynet, which the `configuration` of our languageModelChatProviders contribution offers.
 * This leads the user there once, and records when the group exists (the workbench then asks our provider for the
 * group's models, see LanguageModelProvider).
 */
export const MANAGE_MODELS_COMMAND = 'workbench.action.chat.manage';
const GROUP_SEEN = 'skynet.chatSetup.groupSeen';
const NOTICE_SHOWN = 'skynet.chatSetup.noticeShown';
export const OPEN_LANGUAGE_MODELS = 'Open Language Models';

export class ChatSetup {
  constructor(
    private readonly state: vscode.Memento,
    private readonly service: ConfigService,
    private readonly log: Logger,
  ) {}

  get added(): boolean {
    return this.state.get<boolean>(GROUP_SEEN) === true;
  }

  /** The workbench asked for a Skynet group's models: the user added Skynet under Language Models. */
  async groupSeen(): Promise<void> {
    if (this.state.get<boolean>(GROUP_SEEN)) return;
    await this.state.update(GROUP_SEEN, true);
    this.log.info(
      'Skynet was added under Language Models: the chat may now use Skynet models without a GitHub sign-in',
    );
    // Added with nothing to serve yet: the next step is a provider.
    const usable = this.service.router?.slots.some((slot) => slot.client) ?? false;
    if (!usable) void vscode.commands.executeCommand('skynet.addProvider');
  }

  /** Once per profile, when Skynet first has a model to offer and Skynet was never added under Language Models. */
  async offer(): Promise<void> {
    if (this.state.get<boolean>(GROUP_SEEN) || this.state.get<boolean>(NOTICE_SHOWN)) return;
    if (!this.service.router?.slots.some((slot) => slot.client)) return;
    // Older VS Code (before the Language Models editor) has no such command, and no such lock either.
    if (!(await vscode.commands.getCommands(true)).includes(MANAGE_MODELS_COMMAND)) {
      this.log.info('no %s command in this VS Code: no chat setup notice', MANAGE_MODELS_COMMAND);
      return;
    }
    await this.state.update(NOTICE_SHOWN, true);
    this.log.info('showing how to use Skynet models in VS Code chat (once per profile)');
    const choice = await vscode.window.showInformationMessage(
      "Skynet's models can answer in VS Code's chat (Agent, Ask, Plan) without a GitHub account: add Skynet once under Language Models (Add Models → Skynet). @skynet works without it.",
      OPEN_LANGUAGE_MODELS,
    );
    if (choice === OPEN_LANGUAGE_MODELS) await vscode.commands.executeCommand(MANAGE_MODELS_COMMAND);
  }
}

export function registerChatSetup(context: vscode.ExtensionContext, service: ConfigService, logger: Logger): ChatSetup {
  const setup = new ChatSetup(context.globalState, service, logger.child('chat-setup'));
  const offer = (): void => void setup.offer().catch((error) => logger.warn('chat setup notice: %s', error));
  context.subscriptions.push(
    service.onDidChange(offer),
    vscode.commands.registerCommand('skynet.useInChat', () => vscode.commands.executeCommand(MANAGE_MODELS_COMMAND)),
  );
  void service.ready.then(offer);
  return setup;
}
