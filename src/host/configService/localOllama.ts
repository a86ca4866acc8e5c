import { DEFAULT_ROUTER_SETTINGS, type OllamaSlot, type SkynetConfig } from '../../config/types';
import type { HttpClient } from '../../util/http';

export const LOCAL_OLLAMA_URL = 'http://127.0.0.1:11434';

/**
 * With no skynet.toml and no provider in the environment: a local Ollama, if one answers, becomes the only slot
 * (its first installed model), so a fresh install works without any setup. Undefined when nothing answers.
 */
export async function findLocalOllama(
  http: HttpClient,
  baseUrl = LOCAL_OLLAMA_URL,
  timeoutMs = 1_500,
): Promise<SkynetConfig | undefined> {
  try {
    const response = await http.request({
      method: 'GET',
      url: `${baseUrl}/api/tags`,
      provider: 'ollama',
      signal: AbortSignal.timeout(timeoutMs),
      timeouts: { firstByteMs: timeoutMs, idleMs: timeoutMs },
    });
    if (response.status !== 200) {
      response.close();
      return undefined;
    }
    const body = await response.json<{ models?: Array<{ name?: string; model?: string }> }>();
    const model = body.models?.map((entry) => entry.model ?? entry.name).find((name): name is string => Boolean(name));
    if (!model) return undefined;
    const slot: OllamaSlot = {
      id: 'ollama',
      kind: 'ollama',
      displayName: 'Ollama (local)',
      model,
      baseUrl,
      source: { file: '', line: 0, column: 0 },
    };
    return { file: '', slots: [slot], router: { ...DEFAULT_ROUTER_SETTINGS }, fromEnvironment: true };
  } catch {
    return undefined;
  }
}
