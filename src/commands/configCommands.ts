import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigService } from '../host/configService/configService';

const STARTER = `# Skynet: every provider you can reach, in the order the router tries them.
# Add one with "Skynet: Add Provider", or write a table by hand, e.g.
#
# [groq]
# model = "llama-3.3-70b-versatile"
#
# Keys live in VS Code Secret Storage ("Skynet: Set API Key"), not in this file.
`;

/** Opens skynet.toml (creating a commented starter when there is none), at a slot's table when given one. */
export function registerConfigCommands(context: vscode.ExtensionContext, service: ConfigService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.openConfig', async (argument?: unknown) => {
      const file = service.defaultConfigFile();
      if (!file) {
        void vscode.window.showWarningMessage('Skynet: open a folder first; skynet.toml lives in the workspace.');
        return;
      }
      if (!fs.existsSync(file)) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, STARTER);
      }
      const slotId =
        typeof argument === 'string'
          ? argument
          : (argument as { slot?: { config?: { id?: string } } } | undefined)?.slot?.config?.id;
      const slot = service.config?.slots.find((candidate) => candidate.id === slotId);
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(slot?.source.file || file));
      if (slot && slot.source.line > 0) {
        const position = new vscode.Position(slot.source.line - 1, Math.max(0, slot.source.column - 1));
        editor.selection = new vscode.Selection(position, position);
        editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
      }
    }),
    vscode.commands.registerCommand('skynet.reload', () => service.reload()),
  );
}
