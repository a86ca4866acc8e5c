import * as vscode from 'vscode';
import type { Logger } from '../../util/logger';
import { toAbortSignal } from '../abortSignal';
import type { AnswerTracker } from '../chatSurfaces/answerTracker';
import type { ChatSetup } from '../chatSurfaces/chatSetup';
import type { ConfigService } from '../configService/configService';
import { convertFromLmMessages, convertFromLmToolMode, convertFromLmTools } from './convertFromLmMessages';
import { AUTO_MODEL_ID, autoModelInformation, estimateTokens, slotIdOfModel, slotModelInformation } from './modelInfo';
import { reasoningFromModelOptions } from '../chatSurfaces/reasoningOption';
import { toLanguageModelError } from './languageModelErrors';
import { MidStreamError, streamRoutedAnswer } from '../chatSurfaces/routedAnswer';

export const LM_VENDOR = 'skynet';

/**
 * Skynet's slots in VS Code's model picker and `vscode.lm`: one model per usable slot plus "Skynet Auto".
 * Holds no per-request state; every request reads the current router.
 */
export function registerLanguageModelProvider(
  context: vscode.ExtensionContext,
  service: ConfigService,
  tracker: AnswerTracker,
  logger: Logger,
  setup: ChatSetup,
  register: typeof vscode.lm.registerLanguageModelChatProvider = vscode.lm.registerLanguageModelChatProvider,
): void {
  const log = logger.child('lm');
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.LanguageModelChatProvider = {
    onDidChangeLanguageModelChatInformation: changed.event,

    async provideLanguageModelChatInformation(options) {
      await service.ready; // the first configuration loads after activation
      // VS Code 1.139+ asks once without a group (the models, listed on every version) and once per provider group
      // the user added under Language Models, with that group's configuration. Skynet's slots come from skynet.toml,
      // so a group lists nothing of its own (its models would show twice); it only says the user turned Skynet on.
      if ((options as { configuration?: unknown }).configuration !== undefined) {
        await setup.groupSeen();
        return [];
      }
      const usable = (service.router?.slots ?? []).filter((slot) => slot.client).map((slot) => slot.config);
      if (usable.length === 0) return [];
      if (!service.restricted) service.preconnect(); // the model picker is open: a request may follow
      return [autoModelInformation(usable), ...usable.map(slotModelInformation)];
    },

    async provideLanguageModelChatResponse(model, messages, options, progress, token) {
      await service.ready;
      const router = service.router;
      if (!router)
        throw toLanguageModelError(
          new Error('Skynet has no working configuration yet; run "Skynet: Add Provider" or open skynet.toml'),
        );
      const tools = convertFromLmTools(options.tools);
      const maxTokens =
        typeof options.modelOptions?.maxTokens === 'number' ? options.modelOptions.maxTokens : undefined;
      const reasoning = reasoningFromModelOptions(options.modelOptions);
      const abort = toAbortSignal(token);
      try {
        const outcome = await streamRoutedAnswer(
          router,
          {
            messages: convertFromLmMessages(messages),
            tools,
            toolChoice: convertFromLmToolMode(options.toolMode, tools),
            maxTokens,
            temperature:
              typeof options.modelOptions?.temperature === 'number' ? options.modelOptions.temperature : undefined,
            // "off" from the caller is a choice too: it overrules the slot's skynet.toml reasoning.
            ...(reasoning !== undefined ? { reasoning } : {}),
          },
          { signal: abort.signal, slotId: model.id === AUTO_MODEL_ID ? undefined : slotIdOfModel(model.id) },
          {
            text: (text) => progress.report(new vscode.LanguageModelTextPart(text)),
            toolCall: (id, name, input) => progress.report(new vscode.LanguageModelToolCallPart(id, name, input)),
            failover: (event, name) => log.info('%s failed (%s: %s); failing over', name, event.kind, event.message),
          },
        );
        if (outcome.slot)
          tracker.record({
            slot: outcome.slot,
            latencyMs: outcome.latencyMs,
            failovers: outcome.failovers,
            at: Date.now(),
          });
      } catch (error) {
        if (abort.signal.aborted) throw new vscode.CancellationError();
        log.warn('%s failed: %s', model.id, error);
        throw toLanguageModelError(error instanceof MidStreamError ? error.failure : error);
      } finally {
        abort.dispose();
      }
    },

    async provideTokenCount(_model, text) {
      if (typeof text === 'string') return estimateTokens(text);
      const parts = convertFromLmMessages([text]).flatMap((message) => message.content);
      let characters = 0;
      for (const part of parts) {
        if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
        else if (part.type === 'tool-call') characters += part.name.length + JSON.stringify(part.arguments).length;
        else if (part.type === 'tool-result') characters += part.content.length;
        else if (part.type === 'image') characters += 3_000; // a typical image costs about 750 tokens
      }
      return Math.ceil(characters / 4);
    },
  };
  context.subscriptions.push(changed);
  context.subscriptions.push(
    register(LM_VENDOR, provider),
    service.onDidChange(() => changed.fire()),
  );
  // The workbench asks for models only when something selects them or this event fires.
  changed.fire();
}
