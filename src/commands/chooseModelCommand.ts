import * as vscode from 'vscode';
import { setSlotModel } from '../config';
import type { ConfigService } from '../host/configService/configService';
import { editConfigFile } from '../host/configService/editConfigFile';
import { errorFixes, errorMessage, unavailableSlotFixes } from '../host/participant/errorButtons';
import { toAbortSignal } from '../host/abortSignal';
import type { ModelInfo } from '../providers/types';
import type { RouterSlot } from '../router/types';
import type { Logger } from '../util/logger';
import { modelPickItems, typedModelItem, type ModelPickItem } from './modelPickItems';
import { iconLabelText, notificationText, visibleName } from '../util/terminalText';

/** Tests script the choice: the model id to pick (a listed one, or typed as the free-text row would take it). */
export interface ChooseModelScript {
  model: string;
}

/** What the command did, for tests: the ids the provider listed, and the model written (if any). */
export interface ChooseModelResult {
  slot: string;
  listed: string[];
  model?: string;
  written: boolean;
}

const ENTER_ID = 'Enter a Model Id…';

function slotIdOf(argument: unknown): string | undefined {
  return typeof argument === 'string'
    ? argument
    : (argument as { slot?: { config?: { id?: string } } } | undefined)?.slot?.config?.id;
}

/** The palette asks which slot: usable ones first, the others marked with why their models cannot be listed. */
async function pickSlot(slots: readonly RouterSlot[]): Promise<RouterSlot | undefined> {
  const ordered = [...slots.filter((slot) => slot.client), ...slots.filter((slot) => !slot.client)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((slot) => ({
      label: slot.config.id,
      description: `${iconLabelText(slot.config.displayName)} · ${iconLabelText(slot.config.model)}`,
      detail: slot.client
        ? undefined
        : `$(warning) models cannot be listed: ${iconLabelText(slot.unavailableReason ?? 'unavailable')}`,
      slot,
    })),
    { title: 'Skynet: Choose Model', placeHolder: 'Which slot?', matchOnDescription: true },
  );
  return picked?.slot;
}

/**
 * The slot's models, listed with a cancellable notification (the cancel aborts the request). Undefined when the
 * user cancelled or gave up after an error; an empty list when they chose to type an id instead.
 */
async function discoverModels(
  slot: RouterSlot,
  service: ConfigService,
  scripted: boolean,
  logger: Logger,
): Promise<ModelInfo[] | undefined> {
  const slots = service.router?.slots.map((candidate) => candidate.config) ?? [];
  const client = slot.client;
  if (!client) {
    // Disabled (untrusted workspace) or missing its key or sign-in: say so instead of calling.
    const reason = slot.unavailableReason ?? 'unavailable';
    if (scripted) return [];
    return offerFixes(
      `Skynet: the models of ${slot.config.id} cannot be listed: ${reason}`,
      unavailableSlotFixes(slot, slots),
    );
  }
  let cancelled = false;
  try {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Skynet: listing the models of ${slot.config.id}…`,
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = toAbortSignal(token);
        try {
          return await client.listModels({ signal: abort.signal });
        } finally {
          cancelled = abort.signal.aborted;
          abort.dispose();
        }
      },
    );
  } catch (error) {
    if (cancelled) return undefined;
    logger.warn('listing the models of %s failed: %s', slot.config.id, errorMessage(error));
    if (scripted) throw error;
    return offerFixes(
      `Skynet: could not list the models of ${slot.config.id}: ${errorMessage(error)}`,
      errorFixes(error, slots),
    );
  }
}

/** A warning with its fix buttons and "Enter a Model Id…" (which resolves to an empty list). */
async function offerFixes(message: string, fixes: vscode.Command[]): Promise<ModelInfo[] | undefined> {
  const picked = await vscode.window.showWarningMessage(
    notificationText(message),
    ...fixes.map((fix) => fix.title),
    ENTER_ID,
  );
  if (picked === ENTER_ID) return [];
  const fix = fixes.find((candidate) => candidate.title === picked);
  if (fix) await vscode.commands.executeCommand(fix.command, ...(fix.arguments ?? []));
  return undefined;
}

/** The quick pick of models, with a free-text row for an id the list does not have. */
function pickModel(slot: RouterSlot, models: readonly ModelInfo[]): Promise<ModelPickItem | undefined> {
  const listed = modelPickItems(models, slot.config.model);
  const quickPick = vscode.window.createQuickPick<ModelPickItem>();
  quickPick.title = `Skynet: model for ${slot.config.id} (${visibleName(slot.config.displayName)})`;
  quickPick.placeholder =
    models.length > 0 ? `${models.length} model(s) listed; type to filter, or type any model id` : 'Type a model id';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = listed;
  return new Promise((resolve) => {
    let chosen: ModelPickItem | undefined;
    quickPick.onDidChangeValue((value) => {
      const typed = typedModelItem(value, listed);
      quickPick.items = typed ? [...listed, typed] : listed;
    });
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0] ?? typedModelItem(quickPick.value, listed);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
  });
}

/** Where a slot that is not in a skynet.toml comes from, for the message. */
function origin(slot: RouterSlot): string {
  const file = slot.config.source.file;
  if (file.startsWith('$')) return `the environment variable ${file.slice(1)}`;
  return file ? file : 'the local Ollama Skynet found';
}

/** Writes `model = "<id>"` into the slot's table of the skynet.toml in use; says why when it cannot. */
async function writeModel(
  service: ConfigService,
  slot: RouterSlot,
  model: string,
  scripted: boolean,
): Promise<boolean> {
  const file = service.configFile;
  if (!file || slot.config.source.file !== file) {
    await vscode.env.clipboard.writeText(model);
    const open = 'Open skynet.toml';
    const message = `Skynet: ${notificationText(slot.config.id)} comes from ${notificationText(origin(slot))}, not from skynet.toml, so its model can only be saved there: add the provider's table with model = "${notificationText(model)}" (copied to the clipboard).`;
    if (!scripted)
      void vscode.window
        .showInformationMessage(message, open)
        .then((picked) => picked && vscode.commands.executeCommand('skynet.openConfig'));
    return false;
  }
  let refusal: string | undefined;
  const written = await editConfigFile(file, (text) => {
    const edited = setSlotModel(text, slot.config.id, model);
    if (edited.ok) return edited.text;
    refusal = edited.message;
    return undefined;
  });
  if (!written) {
    const open = 'Open skynet.toml';
    void vscode.window
      .showWarningMessage(
        `Skynet: could not set the model of ${notificationText(slot.config.id)}: ${notificationText(refusal ?? 'the edit was not applied')}.`,
        open,
      )
      .then((picked) => picked && vscode.commands.executeCommand('skynet.openConfig', slot.config.id));
    return false;
  }
  await service.reload();
  return true;
}

/**
 * `Skynet: Choose Model…`: lists a slot's models (its provider's /models), shows them with what is known of each,
 * and writes the choice into that slot's table in skynet.toml. From the palette it asks which slot first; from a
 * slot in the tree it uses that slot. `scripted` (tests) supplies the model instead of the quick pick.
 */
export function registerChooseModelCommand(
  context: vscode.ExtensionContext,
  service: ConfigService,
  logger: Logger,
): void {
  const log = logger.child('models');
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'skynet.chooseModel',
      async (argument?: unknown, scripted?: ChooseModelScript): Promise<ChooseModelResult | undefined> => {
        await service.ready;
        const slots = service.router?.slots ?? [];
        if (slots.length === 0) {
          void vscode.window
            .showWarningMessage('Skynet: no slots yet.', 'Add Provider')
            .then((choice) => choice && vscode.commands.executeCommand('skynet.addProvider'));
          return undefined;
        }
        const wanted = slotIdOf(argument);
        const slot = wanted ? slots.find((candidate) => candidate.config.id === wanted) : await pickSlot(slots);
        if (!slot) {
          if (wanted) void vscode.window.showWarningMessage(`Skynet: there is no slot "${notificationText(wanted)}".`);
          return undefined;
        }
        const models = await discoverModels(slot, service, Boolean(scripted), log);
        if (!models) return undefined;
        log.info('%s lists %d model(s)', slot.config.id, models.length);
        const listed = models.map((model) => model.id);
        const chosen = scripted ? scripted.model : (await pickModel(slot, models))?.modelId;
        if (!chosen) return { slot: slot.config.id, listed, written: false };
        const written = await writeModel(service, slot, chosen, Boolean(scripted));
        if (written) {
          log.info('%s: model set to %s', slot.config.id, chosen);
          vscode.window.setStatusBarMessage(
            `$(check) Skynet: ${slot.config.id} now uses ${visibleName(chosen)}`,
            5_000,
          );
        }
        return { slot: slot.config.id, listed, model: chosen, written };
      },
    ),
  );
}
