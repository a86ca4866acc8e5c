import * as vscode from 'vscode';
import type { ConfigService } from '../host/configService/configService';
import type { Logger } from '../util/logger';
import { notificationText } from '../util/terminalText';

export interface SlotTestResult {
  slot: string;
  ok: boolean;
  latencyMs?: number;
  message: string;
}

/** `Skynet: Test Slots`: a one-word request to each slot (no failover), with progress; reports latencies. */
export function registerTestSlotsCommand(
  context: vscode.ExtensionContext,
  service: ConfigService,
  logger: Logger,
): void {
  const log = logger.child('test');
  context.subscriptions.push(
    vscode.commands.registerCommand('skynet.testSlots', async (argument?: unknown, options?: { silent?: boolean }) => {
      const router = service.router;
      if (!router || router.slots.length === 0) {
        void vscode.window
          .showWarningMessage('Skynet: no slots to test.', 'Add Provider')
          .then((choice) => choice && vscode.commands.executeCommand('skynet.addProvider'));
        return [];
      }
      const only =
        typeof argument === 'string'
          ? argument
          : (argument as { slot?: { config?: { id?: string } } } | undefined)?.slot?.config?.id;
      const slots = router.slots.filter((slot) => !only || slot.config.id === only);
      const results: SlotTestResult[] = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Skynet: testing slots', cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const cancel = token.onCancellationRequested(() => controller.abort());
          try {
            return await Promise.all(
              slots.map(async (slot): Promise<SlotTestResult> => {
                if (!slot.client)
                  return { slot: slot.config.id, ok: false, message: slot.unavailableReason ?? 'unavailable' };
                const started = Date.now();
                try {
                  for await (const event of router.streamChat(
                    {
                      messages: [{ role: 'user', content: [{ type: 'text', text: 'Reply with the word: pong' }] }],
                      maxTokens: 16,
                    },
                    { signal: controller.signal, slotId: slot.config.id },
                  )) {
                    if (event.type === 'text-delta' || event.type === 'slot-answering') break;
                  }
                  const latencyMs = Date.now() - started;
                  progress.report({ message: `${slot.config.id}: ${latencyMs} ms`, increment: 100 / slots.length });
                  return { slot: slot.config.id, ok: true, latencyMs, message: `${latencyMs} ms` };
                } catch (error) {
                  progress.report({ message: `${slot.config.id} failed`, increment: 100 / slots.length });
                  return {
                    slot: slot.config.id,
                    ok: false,
                    message: error instanceof Error ? error.message : String(error),
                  };
                }
              }),
            );
          } finally {
            cancel.dispose();
          }
        },
      );
      for (const result of results)
        log.info('%s: %s', result.slot, result.ok ? `ok in ${result.message}` : `failed: ${result.message}`);
      if (!options?.silent) {
        const summary = results
          .map((result) => `${result.slot} ${result.ok ? `✓ ${result.message}` : '✗'}`)
          .join(' · ');
        const failed = results.filter((result) => !result.ok).length;
        const message = `Skynet: ${notificationText(summary)}`;
        const shown =
          failed > 0
            ? vscode.window.showWarningMessage(message, 'Show Log')
            : vscode.window.showInformationMessage(message, 'Show Log');
        void shown.then((choice) => choice && vscode.commands.executeCommand('skynet.showLog'));
      }
      return results;
    }),
  );
}
