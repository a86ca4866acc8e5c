import * as vscode from 'vscode';
import { secretKeys } from '../auth/credentialStore';
import { keyEntryBinding, type OriginApprovals } from '../trust/originGuard';
import type { ConfigService } from '../host/configService/configService';
import { editConfigFile } from '../host/configService/editConfigFile';
import type { SecretCredentialStore } from '../host/credentials/secretCredentialStore';
import { appendProviderTable } from '../config';
import { azureResourceProblem } from '../config/azureNames';
import { defaultBaseUrlFor } from '../providers/descriptors';
import { urlParameterProblem } from '../config/urlParameters';
import { allowedInRestrictedMode } from './trustCommands';
import {
  providerChoices,
  providerTable,
  slotIdOfChoice,
  type ProviderChoice,
  type ProviderQuestion,
  type RegistryRowLike,
} from './providerChoices';
import { pickProvider } from './providerPick';
import { notificationText } from '../util/terminalText';

const PROMPTS: Record<ProviderQuestion, { prompt: string; placeHolder?: string; optional?: boolean }> = {
  apiKey: { prompt: 'API key (stored in VS Code Secret Storage, not in skynet.toml)' },
  model: { prompt: 'Model', optional: true },
  baseUrl: { prompt: 'Base URL (e.g. https://example.com/v1 … the chat path is appended)' },
  id: { prompt: 'Slot id: a short name for this endpoint (letters, digits, - and _)' },
  region: { prompt: 'AWS region', placeHolder: 'us-east-1', optional: true },
  profile: { prompt: 'AWS profile (empty: the default credentials chain)', optional: true },
  projectId: { prompt: 'Google Cloud project id (empty: the one in the key file)', optional: true },
  location: { prompt: 'Vertex location', placeHolder: 'us-central1', optional: true },
  keyFile: { prompt: 'Service-account key file (empty: GOOGLE_APPLICATION_CREDENTIALS)', optional: true },
  accountId: { prompt: "Cloudflare account ID (32 hexadecimal characters, on the dashboard's Account Home)" },
  gatewayId: { prompt: "AI Gateway ID (the gateway's name)" },
  resource: {
    prompt: 'Azure resource name (the <name> of https://<name>.openai.azure.com)',
    placeHolder: 'contoso-openai',
  },
};

/** The URL parameter a question asks for (checked as skynet.toml will check it). */
const URL_PARAMETER_KEYS: Partial<Record<ProviderQuestion, string>> = {
  accountId: 'account_id',
  gatewayId: 'gateway_id',
};

async function ask(
  question: ProviderQuestion,
  choice: ProviderChoice,
  taken: ReadonlySet<string>,
): Promise<string | undefined> {
  const spec = PROMPTS[question];
  const value = question === 'model' ? choice.defaultModel : question === 'baseUrl' ? choice.defaultBaseUrl : undefined;
  return vscode.window.showInputBox({
    title: `Add ${choice.label}`,
    prompt: spec.prompt,
    placeHolder: spec.placeHolder,
    value,
    password: question === 'apiKey',
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (question === 'id') {
        if (!/^[A-Za-z0-9_-]+$/.test(text)) return 'Use letters, digits, - and _';
        if (taken.has(text)) return `There is already a slot "${text}"`;
      }
      if (question === 'baseUrl' && !/^https?:\/\/\S+$/.test(text)) return 'An http(s) URL';
      const parameter = choice.urlParameters?.find((candidate) => candidate.key === URL_PARAMETER_KEYS[question]);
      if (parameter && text.trim()) return urlParameterProblem(parameter, text.trim());
      if (question === 'resource' && text.trim()) return azureResourceProblem(text.trim());
      if (!spec.optional && question !== 'apiKey' && !text.trim()) return 'Required';
      return undefined;
    },
  });
}

/**
 * `Skynet: Add Provider`: a searchable pick of every provider, only that provider's questions, the key into
 * Secret Storage, and the table appended to skynet.toml (created if needed).
 * `scripted` (tests) supplies the pick and the answers instead of the UI.
 */
export function registerAddProviderCommand(
  context: vscode.ExtensionContext,
  service: ConfigService,
  credentials: SecretCredentialStore,
  originApprovals: OriginApprovals,
  registry: () => readonly RegistryRowLike[],
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'skynet.addProvider',
      async (scripted?: { label: string; answers: Partial<Record<ProviderQuestion, string>> }) => {
        // Writing a provider (and its key) into an untrusted workspace's file: offer the user's own file instead.
        if (!(await allowedInRestrictedMode(service, "adding a provider to the workspace's skynet.toml")))
          return undefined;
        const file = service.defaultConfigFile();
        if (!file) {
          void vscode.window.showWarningMessage('Skynet: open a folder first; skynet.toml lives in the workspace.');
          return undefined;
        }
        const taken = new Set((service.config?.slots ?? []).map((slot) => slot.id));
        const choices = providerChoices(registry());
        const choice = scripted
          ? choices.find((candidate) => candidate.label === scripted.label)
          : await pickProvider(choices);
        if (!choice) return undefined;
        const answers: Partial<Record<ProviderQuestion, string>> = {};
        for (const question of choice.questions) {
          const answer = scripted ? scripted.answers[question] : await ask(question, choice, taken);
          if (answer === undefined) return undefined; // cancelled
          answers[question] = answer.trim();
        }
        const slotId = slotIdOfChoice(choice, answers);
        if (taken.has(slotId)) {
          void vscode.window.showWarningMessage(
            `Skynet: skynet.toml already has a slot "${notificationText(slotId)}".`,
          );
          return undefined;
        }
        let refusal: string | undefined;
        await editConfigFile(file, (text) => {
          const edited = appendProviderTable(text, providerTable(choice, answers));
          if (edited.ok) return edited.text;
          refusal = edited.message;
          return undefined;
        });
        if (refusal) {
          void vscode.window.showWarningMessage(`Skynet: ${notificationText(refusal)}`);
          return undefined;
        }
        if (answers.apiKey) await credentials.set(secretKeys.apiKey(slotId), answers.apiKey);
        await service.reload();
        // The user typed this base URL and key together: that origin is the one the key was stored for.
        const slot = service.config?.slots.find((candidate) => candidate.id === slotId);
        const binding =
          answers.apiKey && answers.baseUrl && slot ? keyEntryBinding(slot, defaultBaseUrlFor(slot)) : undefined;
        // Approvals are read at request time, so the slot built by the reload above picks this up.
        if (binding) for (const origin of binding.origins) await originApprovals.approve(binding.secretId, origin);
        if (choice.signIn && !scripted) void vscode.commands.executeCommand('skynet.signIn', slotId);
        return slotId;
      },
    ),
  );
}
