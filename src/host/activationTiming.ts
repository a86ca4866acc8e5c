/**
 * When the bundle started and finished executing: esbuild.mjs puts `var __skynetLoadStart = performance.now();` at
 * the very top of dist/extension.js and `var __skynetLoadEnd = performance.now();` at its very end. Both undefined when
 * running from tsc output (tests of single modules).
 */
declare const __skynetLoadStart: number | undefined;
declare let __skynetLoadEnd: number | undefined;

export interface ActivationTiming {
  /** Skynet's own share: codeLoadingMs + activateMs. */
  activationMs?: number;
  /** First line of the bundle → last line: evaluating every module of the bundle. */
  codeLoadingMs?: number;
  /** Bundle evaluated → activate() called: VS Code preparing the ExtensionContext (storage, secrets) meanwhile. */
  hostWaitMs?: number;
  /** activate() called → resolved: creating and registering everything (the config loads afterwards). */
  activateMs: number;
  /** First line of the bundle → activate() resolved, the host's wait included. */
  wallMs?: number;
  /** activate() called → the first configuration loaded and its slots built (not part of activation). */
  configLoadedMs?: number;
}

function mark(read: () => number | undefined): number | undefined {
  try {
    const value = read();
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined; // not bundled: the variables do not exist
  }
}

export function activationTiming(activateStart: number, activateEnd: number): ActivationTiming {
  const loadStart = mark(() => __skynetLoadStart);
  const loadEnd = mark(() => __skynetLoadEnd);
  const activateMs = round(activateEnd - activateStart);
  if (loadStart === undefined || loadEnd === undefined) return { activateMs };
  const codeLoadingMs = round(loadEnd - loadStart);
  return {
    activationMs: round(codeLoadingMs + activateMs),
    codeLoadingMs,
    hostWaitMs: round(activateStart - loadEnd),
    activateMs,
    wallMs: round(activateEnd - loadStart),
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
