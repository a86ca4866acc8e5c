import * as vscode from 'vscode';
import type { ConfigService } from '../host/configService/configService';
import { editConfigFile } from '../host/configService/editConfigFile';
import { swapCompatTables } from '../config/swapCompatTables';
import { notificationText } from '../util/terminalText';

/** Inline "move up/down" on a slot: reorders `[[providers.openai_compat]]` tables in skynet.toml. */
export function registerMoveSlotCommands(context: vscode.ExtensionContext, service: ConfigService): void {
  const move = async (argument: unknown, direction: -1 | 1): Promise<void> => {
    const slotId =
      typeof argument === 'string'
        ? argument
        : (argument as { slot?: { config?: { id?: string } } } | undefined)?.slot?.config?.id;
    const config = service.config;
    const slot = config?.slots.find((candidate) => candidate.id === slotId);
    if (!config || !slot || !config.file) return;
    if (slot.kind !== 'openai-compat') {
      void vscode.window.showInformationMessage(
        `Skynet: ${notificationText(slot.displayName)} has a fixed place in the router order (anthropic, openai, the openai_compat tables in file order, copilot, qwen_oauth, bedrock, vertex, ollama). Only openai_compat tables can be reordered.`,
      );
      return;
    }
    const compat = config.slots.filter(
      (candidate) => candidate.kind === 'openai-compat' && candidate.source.file === config.file,
    );
    const index = compat.indexOf(slot);
    if (!(await editConfigFile(config.file, (text) => swapCompatTables(text, index, direction)))) return;
    await service.reload();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.moveSlotUp', (argument?: unknown) => move(argument, -1)),
    vscode.commands.registerCommand('skynet.moveSlotDown', (argument?: unknown) => move(argument, 1)),
  );
}
