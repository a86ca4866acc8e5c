/** A version segment such as `/v1`, `/v1beta`, `/v4` that both a base URL and a path may name. */
const VERSION_SEGMENT = /^\/v\d+[a-z]*(?=\/)/i;

/**
 * The path to append to `baseUrl` so the version segment is named once: vLLM, LM Studio and llama.cpp document
 * `base_url = "http://host:8000/v1"`, and a custom endpoint's default chat path is `/v1/chat/completions`;
 * joined as they are that would be `/v1/v1/chat/completions` (404).
 */
export function pathAfterBase(baseUrl: string, path: string): string {
  const version = VERSION_SEGMENT.exec(path)?.[0];
  if (!version) return path;
  let basePath: string;
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return path;
  }
  return basePath.toLowerCase().endsWith(version.toLowerCase()) ? path.slice(version.length) : path;
}

/** Why a base URL and chat path look wrong together (shown by `skynet check`), or undefined when they look right. */
export function describeEndpointShape(baseUrl: string, chatPath: string): string | undefined {
  let basePath: string;
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  if (/\/chat\/completions$/i.test(basePath)) {
    const trimmed = baseUrl.replace(/\/+$/, '').replace(/\/chat\/completions$/i, '');
    return `base_url ends with /chat/completions, and the chat path (${chatPath}) is added after it, so requests would go to …/chat/completions${pathAfterBase(trimmed, chatPath)}; set base_url = "${trimmed}"`;
  }
  return undefined;
}
