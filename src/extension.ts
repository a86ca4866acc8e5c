import * as vscode from 'vscode';
import { OriginApprovals } from './trust/originGuard';
import { activationTiming, type ActivationTiming } from './host/activationTiming';
import { AnswerTracker } from './host/chatSurfaces/answerTracker';
import { registerChatSetup, type ChatSetup } from './host/chatSurfaces/chatSetup';
import { ConfigService } from './host/configService/configService';
import { createUsageStore, registerBudgetWarnings } from './host/usage/usageStorage';
import { createConfirmOrigin } from './host/credentials/confirmOrigin';
import { createHostLogger } from './host/hostLogger';
import { registerPlaintextKeyActions } from './host/credentials/plaintextKeys';
import { registerChatSurfaces, type ChatSurfaceStates } from './host/chatSurfaces/registerChatSurfaces';
import { SecretCredentialStore } from './host/credentials/secretCredentialStore';
import { REGISTRY } from './providers/registry';
import { Redactor } from './util/redact';
import { registerAddProviderCommand } from './commands/addProviderCommand';
import { registerApiKeyCommands } from './commands/apiKeyCommands';
import { registerChooseModelCommand } from './commands/chooseModelCommand';
import { registerConfigCommands } from './commands/configCommands';
import { registerMoveSlotCommands } from './commands/moveSlotCommands';
import { registerSignIns, type SignInsTreeProvider } from './views/signInsTree';
import { registerSlotsTree, type SlotsTreeProvider } from './views/slotsTree';
import { registerStatusBar } from './views/statusBar';
import { registerTestSlotsCommand } from './commands/testSlotsCommand';
import { registerTrustCommands } from './commands/trustCommands';

/** What activate() returns: a small handle for the host tests. */
export interface SkynetApi {
  service: ConfigService;
  tracker: AnswerTracker;
  secrets: vscode.SecretStorage;
  slotsTree: SlotsTreeProvider;
  signInsTree: SignInsTreeProvider;
  /** Whether the user added Skynet under Language Models (what unlocks VS Code's chat without a Copilot sign-in). */
  chatSetup: ChatSetup;
  /** How long activation took (filled in as activate() resolves; configLoadedMs once the first config is live). */
  activation: ActivationTiming;
  /** Resolves when the first configuration is loaded (activate() does not wait for it). */
  ready: Promise<void>;
  /** Which chat surfaces this editor let Skynet register, and the notice shown for those it did not. */
  chatSurfaces: ChatSurfaceStates;
}

export async function activate(context: vscode.ExtensionContext): Promise<SkynetApi> {
  const activateStart = performance.now();
  const redactor = new Redactor();
  const channel = vscode.window.createOutputChannel('Skynet', { log: true });
  const logger = createHostLogger(channel, redactor);
  const credentials = new SecretCredentialStore(context.secrets, redactor);
  const originApprovals = new OriginApprovals(credentials, createConfirmOrigin());
  const service = new ConfigService({
    credentials,
    logger,
    env: process.env,
    originApprovals,
    state: context.workspaceState,
    usage: createUsageStore(context),
  });
  const tracker = new AnswerTracker();
  context.subscriptions.push(
    channel,
    service,
    tracker,
    vscode.commands.registerCommand('skynet.showLog', () => channel.show()),
  );

  const chatSetup = registerChatSetup(context, service, logger);
  const chatSurfaces = registerChatSurfaces(context, service, tracker, logger, chatSetup);
  const slotsTree = registerSlotsTree(context, service);
  registerBudgetWarnings(context, service);
  registerStatusBar(context, service, tracker);
  registerApiKeyCommands(context, service, credentials, originApprovals);
  registerAddProviderCommand(context, service, credentials, originApprovals, () => REGISTRY);
  registerConfigCommands(context, service);
  registerMoveSlotCommands(context, service);
  registerTestSlotsCommand(context, service, logger);
  registerChooseModelCommand(context, service, logger);
  const signInsTree = registerSignIns(context, service, credentials, originApprovals);
  registerPlaintextKeyActions(
    context,
    credentials,
    () => service.config,
    () => service.restricted,
  );
  registerTrustCommands(context, service);

  // The first load reads SecretStorage and may probe a local Ollama: activation does not wait for it. The
  // participant and the model provider wait for service.ready before they read the slots.
  const ready = service.reload();
  const activation = activationTiming(activateStart, performance.now());
  void ready.then(() => {
    activation.configLoadedMs = Math.round((performance.now() - activateStart) * 100) / 100;
    logger
      .child('activation')
      .info(
        'activated in %s ms (bundle code %s ms + activate() %s ms; VS Code prepared the context for another %s ms); first configuration live after %s ms',
        activation.activationMs ?? '?',
        activation.codeLoadingMs ?? '?',
        activation.activateMs,
        activation.hostWaitMs ?? '?',
        activation.configLoadedMs,
      );
  });
  return {
    service,
    tracker,
    secrets: context.secrets,
    slotsTree,
    signInsTree,
    chatSetup,
    activation,
    ready,
    chatSurfaces,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
