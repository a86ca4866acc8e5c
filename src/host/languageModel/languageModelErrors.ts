// The error a Skynet model throws to VS Code's chat (vscode.lm): a message a user can act on, no stack.
// No VS Code API here, so every case is unit-tested in plain Node.
import { AllSlotsFailedError, type SlotAttempt } from '../../router/routerError';
import { isProviderError } from '../../util/errors';

/** Which command fixes a failure of this kind (attempt kind, or its code for a skipped slot). */
function fixFor(attempts: readonly Pick<SlotAttempt, 'kind' | 'code'>[]): string {
  const has = (test: (attempt: Pick<SlotAttempt, 'kind' | 'code'>) => boolean): boolean => attempts.some(test);
  if (has((attempt) => attempt.code === 'untrusted-workspace'))
    return 'Trust this workspace, or use your own ~/.skynet/skynet.toml (Skynet view).';
  if (has((attempt) => attempt.code === 'origin-not-approved'))
    return 'Send the request again and approve the address when Skynet asks.';
  if (
    has(
      (attempt) =>
        attempt.kind === 'auth' || attempt.code === 'needs-credentials' || attempt.code === 'credentials-rejected',
    )
  ) {
    return 'Set the key with "Skynet: Set API Key", or sign in from the Skynet view.';
  }
  if (has((attempt) => attempt.kind === 'network' || attempt.kind === 'timeout'))
    return 'Check that the service is running and reachable, then try again ("Skynet: Test Slots" checks every slot).';
  if (has((attempt) => attempt.kind === 'rate-limit' || attempt.kind === 'overloaded' || attempt.code === 'cooling')) {
    return 'Wait a moment, or add another slot to skynet.toml so Skynet can fail over.';
  }
  if (has((attempt) => attempt.kind === 'not-found'))
    return 'Pick a model the service has with "Skynet: Choose Model…".';
  if (has((attempt) => attempt.kind === 'context-length')) return 'Start a new chat or attach less context.';
  return 'See "Skynet: Show Log" for details, or run "Skynet: Test Slots".';
}

/** "Skynet could not answer. fake: Connection refused; backup: HTTP 429. Check that the service is running…" */
export function languageModelErrorMessage(error: unknown): string {
  if (error instanceof AllSlotsFailedError) {
    if (error.attempts.length === 0)
      return 'Skynet has no slot to answer with. Run "Skynet: Add Provider" or open skynet.toml.';
    const reasons = error.attempts.map((attempt) => `${attempt.slot}: ${sentence(attempt.message)}`).join('; ');
    return `Skynet could not answer. ${reasons}. ${fixFor(error.attempts)}`;
  }
  if (isProviderError(error))
    return `Skynet could not answer. ${error.slot}: ${sentence(error.message)}. ${fixFor([{ kind: error.kind, code: error.code }])}`;
  const message = error instanceof Error ? error.message : String(error);
  return `Skynet could not answer: ${sentence(message)}. ${fixFor([])}`;
}

/** A message without its closing full stop, so the sentence built around it has one (not "origin.. Send"). */
function sentence(message: string): string {
  return message.replace(/\.+\s*$/, '');
}

/**
 * The chat shows a provider's error as `message: stack` whenever the error has a stack (Copilot Chat 0.67's
 * `ym(error, true)`, checked in code-server 4.139.1 on 2026-12-05), and the extension host hands the stack across
 * unchanged. So the thrown error carries the actionable message and no stack. Not a `vscode.LanguageModelError`: the
 * receiving side rebuilds that class with a fresh stack of its own, which the chat would print.
 */
export function toLanguageModelError(error: unknown): Error {
  const clean = new Error(languageModelErrorMessage(error));
  clean.name = 'SkynetError';
  Object.defineProperty(clean, 'stack', { value: undefined, writable: true, configurable: true });
  return clean;
}
