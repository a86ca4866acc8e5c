import type * as vscode from 'vscode';

/**
 * Which of VS Code's chat surfaces this editor offers. VS Code has both since 1.104; forks may not: VSCodium
 * and others ship the namespaces but no chat view without a chat extension, and some forks omit `vscode.lm` or
 * `vscode.chat`, or stub their functions to throw. Pure: no runtime `vscode` import, so unit tests run it.
 */

/** The two namespaces Skynet registers with, as this editor provides them (possibly absent or partial). */
export interface ChatApis {
  lm?: Partial<Pick<typeof vscode.lm, 'registerLanguageModelChatProvider'>>;
  chat?: Partial<Pick<typeof vscode.chat, 'createChatParticipant'>>;
}

export type ChatSurface = 'models' | 'participant';

export interface SurfaceState {
  surface: ChatSurface;
  available: boolean;
  /** Why not, when not available. */
  reason?: string;
}

const SURFACE_NAMES: Record<ChatSurface, string> = {
  models: 'Skynet models in the chat model picker and for other extensions (vscode.lm)',
  participant: '@skynet in the chat view (vscode.chat)',
};

/**
 * The namespaces minus those named in `hidden` ("lm,chat"): the host tests' seam (SKYNET_TEST_HIDE_API in the
 * extension host's environment) for an editor that omits them.
 */
export function chatApisOf(api: ChatApis, hidden: string | undefined): ChatApis {
  const names = new Set((hidden ?? '').split(',').map((name) => name.trim()));
  return { lm: names.has('lm') ? undefined : api.lm, chat: names.has('chat') ? undefined : api.chat };
}

/**
 * Runs one surface's registration, turning a missing namespace, a missing function, a stub that throws or
 * one that returns no Disposable into "unavailable" instead of a failed activation.
 */
export function tryRegister<F extends (...args: never[]) => unknown>(
  surface: ChatSurface,
  namespace: string,
  fn: F | undefined,
  register: (checked: F) => void,
): SurfaceState {
  if (typeof fn !== 'function') return { surface, available: false, reason: `this editor has no ${namespace}` };
  const checked = ((...args: Parameters<F>) => {
    const result = fn(...args) as { dispose?: unknown } | undefined;
    if (typeof result?.dispose !== 'function') throw new Error(`${namespace} returned no Disposable`);
    return result;
  }) as unknown as F;
  try {
    register(checked);
    return { surface, available: true };
  } catch (error) {
    return {
      surface,
      available: false,
      reason: `${namespace} failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** One notice for everything unavailable, or undefined when both surfaces work. */
export function unavailableNotice(states: readonly SurfaceState[]): string | undefined {
  const missing = states.filter((state) => !state.available);
  if (missing.length === 0) return undefined;
  const what = missing.map((state) => SURFACE_NAMES[state.surface]).join(' and ');
  const verb = missing.length > 1 ? 'are' : 'is';
  return (
    `Skynet: ${what} ${verb} not available in this editor (${missing.map((state) => state.reason).join('; ')}). ` +
    'The Slots and Sign-ins views, Add Provider and Test Slots work; to chat, use the skynet CLI (`skynet chat "…"`) in a terminal.'
  );
}
