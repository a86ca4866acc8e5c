import * as vscode from 'vscode';
import type { ChatMessage } from '../../providers/types';
import type { Logger } from '../../util/logger';
import { visibleName } from '../../util/terminalText';
import { markdownText } from '../slotText/slotNames';
import { toAbortSignal } from '../abortSignal';
import type { AnswerTracker } from '../chatSurfaces/answerTracker';
import { convertChatHistory, pinnedSlotOf, type SkynetChatMetadata } from './chatHistory';
import { readChatReferences } from './chatReferences';
import type { ConfigService } from '../configService/configService';
import { errorFixes, errorMessage } from './errorButtons';
import { languageModelErrorMessage } from '../languageModel/languageModelErrors';
import { renderStatus, usePinnedSlot } from './participantCommands';
import { trustButtons, untrustedSummary } from '../credentials/trustNotice';
import { MidStreamError, describeFailovers, streamRoutedAnswer } from '../chatSurfaces/routedAnswer';
import { REASONING_SETTING, reasoningChoiceFromSetting } from '../chatSurfaces/reasoningOption';

export const PARTICIPANT_ID = 'skynet.skynet';

/** @skynet: answers through the router with the conversation and the attached references. */
export function registerChatParticipant(
  context: vscode.ExtensionContext,
  service: ConfigService,
  tracker: AnswerTracker,
  logger: Logger,
  create: typeof vscode.chat.createChatParticipant = vscode.chat.createChatParticipant,
): void {
  const log = logger.child('chat');
  const handler: vscode.ChatRequestHandler = async (request, chatContext, stream, token) => {
    await service.ready; // the first configuration loads after activation
    const pinned = pinnedSlotOf(chatContext.history);
    if (request.command === 'status') return renderStatus(service, stream, pinned);
    if (request.command === 'use') return usePinnedSlot(service, request.prompt, stream);
    const router = service.router;
    const untrusted = untrustedSummary(service, markdownText);
    if (untrusted && !router?.slots.some((slot) => slot.client)) {
      // Nothing may answer: say why plainly instead of failing over through slots that were never built.
      stream.markdown(untrusted);
      for (const button of trustButtons()) stream.button(button);
      return { metadata: keepPin(pinned) };
    }
    if (!router || router.slots.length === 0) {
      stream.markdown('Skynet has no provider yet. Add one, or write a `skynet.toml` in this workspace.');
      for (const fix of errorFixes(undefined, [])) stream.button(fix);
      return { metadata: keepPin(pinned) };
    }
    const slotId = request.command === 'retry' ? nextSlotAfter(service, chatContext) : pinned;
    const prompt = request.command === 'retry' ? (retryPrompt(chatContext) ?? request.prompt) : request.prompt;
    const references = await readChatReferences(request.references, stream, log);
    const messages: ChatMessage[] = [
      ...convertChatHistory(chatContext.history, PARTICIPANT_ID),
      { role: 'user', content: [{ type: 'text', text: references + prompt }] },
    ];
    const nameOf = (slot: string): string =>
      visibleName(router.slots.find((candidate) => candidate.config.id === slot)?.config.displayName ?? slot);
    const abort = toAbortSignal(token);
    try {
      // Read per request, so a changed setting applies to the next question without a reload. Set nowhere, it makes
      // no choice and each slot's skynet.toml reasoning applies; set (off included), it overrules the file.
      const reasoning = reasoningChoiceFromSetting(
        vscode.workspace.getConfiguration('skynet').inspect(REASONING_SETTING),
        service.isTrusted,
      );
      let answering: string | undefined;
      let thinking = false;
      const outcome = await streamRoutedAnswer(
        router,
        { messages, ...(reasoning !== undefined ? { reasoning } : {}) },
        { signal: abort.signal, slotId },
        {
          text: (text) => stream.markdown(text),
          answering: (slot) => (answering = slot),
          // The chat API has no stable thinking part yet: say that the model is thinking instead of showing nothing.
          reasoning: () => {
            if (thinking) return;
            thinking = true;
            stream.progress(`${nameOf(answering ?? slotId ?? '')} is thinking…`);
          },
          toolCall: (_id, name) =>
            log.warn('@skynet sent no tools but %s asked for tool %s', nameOf(slotId ?? ''), name),
          // Not a progress line: the chat keeps those as empty "Completed N steps" above the answer or the error.
          // The footer ("X unreachable · answered by Y") or the error message says what happened.
          failover: (event, name) =>
            log.info('%s failed (%s: %s); trying the next slot', name, event.kind, event.message),
        },
      );
      if (outcome.slot)
        tracker.record({
          slot: outcome.slot,
          latencyMs: outcome.latencyMs,
          failovers: outcome.failovers,
          at: Date.now(),
        });
      const footer = outcome.slot
        ? `\n\n*${markdownText(describeFailovers(outcome.failovers, outcome.slot, nameOf, outcome.skipped))}*`
        : undefined;
      // Who answered matters only when more than one slot could have: after a failover, or under Auto with several slots.
      const several = !slotId && router.slots.filter((slot) => slot.client).length > 1;
      const shown =
        footer && (outcome.failovers.length > 0 || outcome.skipped.length > 0 || several) ? footer : undefined;
      if (shown) stream.markdown(shown);
      return { metadata: { ...keepPin(pinned), answeredBy: outcome.slot, footer: shown } satisfies SkynetChatMetadata };
    } catch (error) {
      if (abort.signal.aborted) return { metadata: keepPin(pinned) };
      log.warn('@skynet request failed: %s', error);
      if (error instanceof MidStreamError) {
        // The partial answer stays; the follow-up offers the next slot.
        const failedSlot = error.outcome.slot;
        stream.markdown(
          `\n\n*${markdownText(`${nameOf(failedSlot ?? '')} stopped mid-answer: ${errorMessage(error.failure)}`)}*`,
        );
        return { metadata: { ...keepPin(pinned), failedSlot, prompt, footer: undefined } satisfies SkynetChatMetadata };
      }
      // Shown once, with the buttons that fix it: an errorDetails box as well would repeat the message, without buttons.
      // The message carries a server's words: appended as text, so it makes no link or icon of its own.
      stream.markdown(new vscode.MarkdownString('$(error) ', true).appendText(languageModelErrorMessage(error)));
      for (const fix of errorFixes(
        error,
        router.slots.map((slot) => slot.config),
      ))
        stream.button(fix);
      return { metadata: { ...keepPin(pinned), prompt, failed: true } satisfies SkynetChatMetadata };
    } finally {
      abort.dispose();
    }
  };
  const participant = create(PARTICIPANT_ID, handler);
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'skynet.svg');
  participant.followupProvider = {
    provideFollowups(result) {
      const metadata = result.metadata as SkynetChatMetadata | undefined;
      if (!metadata?.failedSlot) return [];
      return [{ prompt: metadata.prompt ?? '', label: 'Retry on next slot', command: 'retry' }];
    },
  };
  context.subscriptions.push(participant);
}

function keepPin(pinned: string | undefined): SkynetChatMetadata {
  return pinned ? { pinnedSlot: pinned } : {};
}

/** The last failed turn of this conversation. */
function lastFailure(chatContext: vscode.ChatContext): SkynetChatMetadata | undefined {
  for (let index = chatContext.history.length - 1; index >= 0; index--) {
    const turn = chatContext.history[index];
    if ('response' in turn) return turn.result.metadata as SkynetChatMetadata | undefined;
  }
  return undefined;
}

function retryPrompt(chatContext: vscode.ChatContext): string | undefined {
  return lastFailure(chatContext)?.prompt;
}

/** The first usable, non-cooling slot after the one that failed mid-stream, in router order. */
function nextSlotAfter(service: ConfigService, chatContext: vscode.ChatContext): string | undefined {
  const failed = lastFailure(chatContext)?.failedSlot;
  const router = service.router;
  if (!router || !failed) return undefined;
  const health = new Map(router.health().map((entry) => [entry.slotId, entry.state]));
  const start = router.slots.findIndex((slot) => slot.config.id === failed);
  for (let step = 1; step < router.slots.length; step++) {
    const slot = router.slots[(start + step) % router.slots.length];
    if (slot.client && health.get(slot.config.id) !== 'cooling') return slot.config.id;
  }
  return undefined;
}
