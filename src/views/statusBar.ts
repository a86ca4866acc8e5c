import * as vscode from 'vscode';
import type { AnswerTracker } from '../host/chatSurfaces/answerTracker';
import type { ConfigService } from '../host/configService/configService';
import { describeHealth, slotStateOf } from '../host/slotText/slotStateText';

/** The slot that answered last and its health; before any answer, how many slots are ready. */
export function registerStatusBar(
  context: vscode.ExtensionContext,
  service: ConfigService,
  tracker: AnswerTracker,
): void {
  const item = vscode.window.createStatusBarItem('skynet.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Skynet';
  item.command = 'workbench.view.extension.skynet';
  const update = (): void => {
    const router = service.router;
    // The last answer counts only while its slot is still configured.
    const last = router?.slots.some((slot) => slot.config.id === tracker.last?.slot) ? tracker.last : undefined;
    if (!router || router.slots.length === 0) {
      item.text = '$(circle-slash) Skynet';
      item.tooltip = 'Skynet: no slots configured';
    } else if (last) {
      const health = router.health().find((entry) => entry.slotId === last.slot);
      const state = slotStateOf(health);
      const icon =
        state === 'ready' || state === 'unknown' ? '$(pass)' : state === 'cooling' ? '$(clock)' : '$(warning)';
      item.text = `${icon} Skynet: ${last.slot}`;
      item.tooltip = `Last answer from ${last.slot}${last.latencyMs !== undefined ? ` (first output after ${last.latencyMs} ms)` : ''}: ${describeHealth(health)}`;
    } else {
      const ready = router.health().filter((entry) => slotStateOf(entry) === 'ready').length;
      item.text = `$(hubot) Skynet: ${ready}/${router.slots.length} ready`;
      item.tooltip = 'Skynet slots ready to answer';
    }
    item.show();
  };
  let unsubscribe = service.router?.onDidChangeHealth(update);
  update();
  context.subscriptions.push(
    item,
    tracker.onDidAnswer(update),
    service.onDidChange(() => {
      unsubscribe?.();
      unsubscribe = service.router?.onDidChangeHealth(update);
      update();
    }),
    { dispose: () => unsubscribe?.() },
  );
}
