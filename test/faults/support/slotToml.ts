import type { RouterSettings, SlotConfig } from '../../../src/config/types';

const quote = (value: string): string => JSON.stringify(value);

function keyLine(source: { type: string; value?: string; name?: string }): string {
  if (source.type === 'literal' && source.value) return `api_key = ${quote(source.value)}\n`;
  if (source.type === 'env' && source.name) return `api_key = ${quote(`\${env:${source.name}}`)}\n`;
  return '';
}

/** The skynet.toml table that declares `slot` (the families' slots, as a user would write them), or undefined. */
export function slotTable(slot: SlotConfig): string | undefined {
  const model = `model = ${quote(slot.model)}\n`;
  switch (slot.kind) {
    case 'openai-compat':
      return `[[providers.openai_compat]]\nid = ${quote(`custom-${slot.id}`)}\nbase_url = ${quote(slot.baseUrl)}\nchat_path = ${quote(slot.chatPath.replace(/^\//, ''))}\n${model}${keyLine(slot.apiKey)}`;
    case 'anthropic':
      return `[providers.anthropic]\nbase_url = ${quote(slot.baseUrl)}\n${model}${keyLine(slot.apiKey)}`;
    case 'ollama':
      return `[providers.ollama]\nbase_url = ${quote(slot.baseUrl)}\n${model}`;
    case 'copilot':
      return `[providers.copilot]\ntoken_path = ${quote(slot.tokenPath ?? '')}\ngithub_api_url = ${quote(slot.githubApiUrl)}\nbase_url = ${quote(slot.baseUrl)}\n${model}`;
    case 'qwen-oauth':
      return `[providers.qwen_oauth]\ncredentials_path = ${quote(slot.credentialsPath)}\nauth_url = ${quote(slot.authUrl)}\nbase_url = ${quote(slot.baseUrl)}\n${model}`;
    case 'bedrock':
      return `[providers.bedrock]\nregion = ${quote(slot.region ?? 'us-east-1')}\nbase_url = ${quote(slot.baseUrl)}\n${model}`;
    case 'vertex':
      return `[providers.vertex]\nkey_file = ${quote(slot.keyFile ?? '')}\nlocation = ${quote(slot.location)}\nbase_url = ${quote(slot.baseUrl)}\n${slot.projectId ? `project_id = ${quote(slot.projectId)}\n` : ''}${model}`;
    default:
      return undefined;
  }
}

/** The `[router]` table for these settings. */
export function routerTable(settings: RouterSettings): string {
  return `[router]\nconnect_timeout_ms = ${settings.connectTimeoutMs}\nfirst_byte_timeout_ms = ${settings.firstByteTimeoutMs}\nidle_timeout_ms = ${settings.idleTimeoutMs}\n`;
}
