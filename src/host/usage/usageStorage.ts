import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigService } from '../configService/configService';
import type { BudgetWarning } from '../../usage/spendBook';
import { UsageFileStore } from '../../usage/usageStore';
import { notificationText } from '../../util/terminalText';

const OPEN_CONFIG = 'Open skynet.toml';

/** usage.json in the extension's global storage, shared by every window; a corrupt file is said once, as a warning. */
export function createUsageStore(context: vscode.ExtensionContext): UsageFileStore {
  return new UsageFileStore(path.join(context.globalStorageUri.fsPath, 'usage.json'), {
    onProblem: (message) => void vscode.window.showWarningMessage(notificationText(message)),
  });
}

/** The 80 % warning of a budget: one notification whose action opens the file (at the budget's slot) that sets it. */
export async function showBudgetWarning(warning: BudgetWarning): Promise<void> {
  const choice = await vscode.window.showWarningMessage(notificationText(warning.message), OPEN_CONFIG);
  if (choice !== OPEN_CONFIG) return;
  if (warning.slotId !== undefined) await vscode.commands.executeCommand('skynet.openConfig', warning.slotId);
  else if (path.isAbsolute(warning.file)) await vscode.window.showTextDocument(vscode.Uri.file(warning.file));
  else await vscode.commands.executeCommand('skynet.openConfig');
}

export function registerBudgetWarnings(context: vscode.ExtensionContext, service: ConfigService): void {
  context.subscriptions.push(service.onBudgetWarning((warning) => void showBudgetWarning(warning)));
}
