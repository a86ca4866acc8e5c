import * as vscode from 'vscode';
import type { SkynetChatMetadata } from './chatHistory';
import type { ConfigService } from '../configService/configService';
import { markdownText, slotTitle } from '../slotText/slotNames';
import { describeHealth } from '../slotText/slotStateText';
import { slotSpendText } from '../slotText/slotSpendText';
import { USE_WORKSPACE_CONFIG, trustButtons, untrustedSummary } from '../credentials/trustNotice';

/**
 * `/status`: every slot in router order with its health. Chat Markdown renders links, images and HTML, so every part
 * that came from the file or a server (ids, names, models, errors, reasons, paths) is `markdownText`.
 */
export function renderStatus(
  service: ConfigService,
  stream: vscode.ChatResponseStream,
  pinned: string | undefined,
): vscode.ChatResult {
  const router = service.router;
  if (!router || router.slots.length === 0) {
    stream.markdown('No Skynet slots are configured.');
    stream.button({ command: 'skynet.addProvider', title: 'Add Provider' });
    return {};
  }
  const health = new Map(router.health().map((entry) => [entry.slotId, entry]));
  const lines = router.slots.map((slot, index) => {
    const pin = slot.config.id === pinned ? ' · **pinned**' : '';
    const spend = slotSpendText(service.spend, slot.config);
    const state = spend.budgetReached
      ? markdownText(spend.budgetReached)
      : describeHealth(health.get(slot.config.id), markdownText);
    const today = spend.today ? ` · ${markdownText(spend.today)}` : '';
    return `${index + 1}. **${markdownText(slot.config.id)}** — ${markdownText(slotTitle(slot.config))}: ${state}${pin}${today}`;
  });
  stream.markdown(`Skynet slots (router order):\n\n${lines.join('\n')}\n`);
  const untrusted = untrustedSummary(service, markdownText);
  if (untrusted) {
    stream.markdown(`\n\n${untrusted}`);
    for (const button of trustButtons()) stream.button(button);
  }
  if (service.source === 'user') {
    stream.markdown(
      `\n\nThis window reads your user-level config, ${markdownText(service.configFile ?? service.userConfigFile)}.`,
    );
    stream.button(USE_WORKSPACE_CONFIG);
  }
  if (service.errors.length > 0) {
    stream.markdown(`\n\nskynet.toml has ${service.errors.length} error(s); the last good configuration is serving.`);
    stream.button({ command: 'skynet.openConfig', title: 'Open skynet.toml' });
  }
  return { metadata: pinned ? ({ pinnedSlot: pinned } satisfies SkynetChatMetadata) : {} };
}

/** `/use <slot>` pins a slot for this conversation; `/use auto` goes back to failover across all slots. */
export function usePinnedSlot(
  service: ConfigService,
  prompt: string,
  stream: vscode.ChatResponseStream,
): vscode.ChatResult {
  const wanted = prompt.trim();
  const slots = service.router?.slots ?? [];
  if (!wanted || wanted === 'auto') {
    stream.markdown('Using **Skynet Auto**: every slot in order, with failover.');
    return { metadata: { pinnedSlot: '' } satisfies SkynetChatMetadata };
  }
  const slot = slots.find((candidate) => candidate.config.id === wanted);
  if (!slot) {
    stream.markdown(
      `There is no slot \`${wanted}\`. Slots: ${slots.map((candidate) => `\`${candidate.config.id}\``).join(', ') || 'none'}.`,
    );
    return {};
  }
  stream.markdown(
    `This conversation now uses **${markdownText(slot.config.id)}** (${markdownText(slotTitle(slot.config))}).`,
  );
  if (slot.unavailableReason)
    stream.markdown(`\n\nIt is unavailable right now: ${markdownText(slot.unavailableReason)}`);
  return { metadata: { pinnedSlot: slot.config.id } satisfies SkynetChatMetadata };
}

/** "<model> · <provider>", the provider left out when it only repeats the slot id (a custom endpoint's name). */
