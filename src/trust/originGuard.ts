import type { SlotConfig } from '../config/types';
import type { ChatRequest, ProviderClient, RequestOptions } from '../providers/types';
import { ProviderError } from '../util/errors';
import { slotCredentialOf } from '../providers/descriptors';
import { secretKeys, type CredentialStore } from '../auth/credentialStore';
import { batchedClient, chatEventBatches, type ChatEventBatch } from '../providers/eventBatches';
import { Handoff } from '../providers/passThrough';
import type { OriginExposure } from '../auth/serviceAddress';

/**
 * A secret this slot would send somewhere other than its provider's own origin: the workspace's skynet.toml is
 * untrusted input, so such an origin needs the user's approval once per secret and origin.
 */
export type { OriginExposure };

export interface OriginPrompt extends OriginExposure {
  slotId: string;
  origin: string;
}

/** Asks the user (VS Code: a modal naming the origin). Resolves true to allow and remember. */
export type ConfirmOrigin = (prompt: OriginPrompt) => Promise<boolean>;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function hostMatches(url: string, pattern: RegExp): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && pattern.test(parsed.hostname);
  } catch {
    return false;
  }
}

function outside(url: string, defaults: string[]): string[] {
  const origin = originOf(url);
  if (!origin) return [];
  return defaults.some((candidate) => originOf(candidate) === origin) ? [] : [origin];
}

/** How a host names a slot's stored key in prompts and refusals (VS Code: Secret Storage; CLI: `<SLOT>_API_KEY`). */
export interface ExposureOptions {
  storedKeyLabel?: (slot: SlotConfig) => string;
}

/**
 * Which of the user's secrets this slot would send to a non-default origin. A key written in the file itself is the
 * file's own and never needs approval, nor do local providers without secrets. A key from the credential store and
 * an `\${env:NAME}` variable are the user's: the file chose the address, not the user. Slots made from the
 * environment alone (ANTHROPIC_API_KEY with ANTHROPIC_BASE_URL) take both from the user and need none.
 * `defaultBaseUrl` is the provider's (or registry row's) own base URL.
 */
export function exposureOf(
  slot: SlotConfig,
  defaultBaseUrl: string | undefined,
  options: ExposureOptions = {},
): OriginExposure | undefined {
  if (slot.source.file.startsWith('$')) return undefined;
  const secret = slotCredentialOf(slot).secret(slot, defaultBaseUrl);
  if (!secret) return undefined;
  const origins = secret.destinations.flatMap(({ url, own }) =>
    own instanceof RegExp ? (hostMatches(url, own) ? [] : [originOf(url) ?? url]) : outside(url, [...own]),
  );
  const stored = 'apiKey' in slot && slot.apiKey.type === 'store' && options.storedKeyLabel;
  return origins.length > 0
    ? { secretId: secret.secretId, secretLabel: stored ? stored(slot) : secret.secretLabel, origins }
    : undefined;
}

/**
 * What a key typed in now for this slot is bound to. A custom endpoint has no provider address, so the origin shown
 * while the key is typed is the one the user confirms (`confirmedByEntry`). A known provider that skynet.toml
 * redirects elsewhere is not confirmed that way: the modal naming the foreign origin still asks before first use.
 */
export function keyEntryBinding(
  slot: SlotConfig,
  defaultBaseUrl: string | undefined,
): (OriginExposure & { confirmedByEntry: boolean }) | undefined {
  if (!('apiKey' in slot) || slot.apiKey.type !== 'store') return undefined;
  const exposure = exposureOf(slot, defaultBaseUrl);
  return exposure && { ...exposure, confirmedByEntry: defaultBaseUrl === undefined };
}

/** Approvals remembered per secret and origin, kept in the credential store beside the secrets. */
export class OriginApprovals {
  private readonly pending = new Map<string, Promise<boolean>>();

  /**
   * `howToApprove` ends a refusal's message where no question can be asked (the CLI: "run `skynet trust`").
   */
  constructor(
    private readonly store: CredentialStore,
    private readonly confirm: ConfirmOrigin,
    readonly howToApprove?: string,
  ) {}

  private async approved(secretId: string): Promise<string[]> {
    const raw = await this.store.get(secretKeys.allowedOrigins(secretId));
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }

  async isApproved(secretId: string, origin: string): Promise<boolean> {
    return (await this.approved(secretId)).includes(origin);
  }

  async approve(secretId: string, origin: string): Promise<void> {
    const current = await this.approved(secretId);
    if (!current.includes(origin))
      await this.store.set(secretKeys.allowedOrigins(secretId), JSON.stringify([...current, origin]));
  }

  /** Every origin of the exposure approved, asking for each missing one (one prompt at a time per secret and origin). */
  async ensure(slotId: string, exposure: OriginExposure): Promise<string | undefined> {
    for (const origin of exposure.origins) {
      if (await this.isApproved(exposure.secretId, origin)) continue;
      const key = `${exposure.secretId}\n${origin}`;
      let answer = this.pending.get(key);
      if (!answer) {
        answer = this.confirm({ ...exposure, slotId, origin }).then(async (allowed) => {
          if (allowed) await this.approve(exposure.secretId, origin);
          return allowed;
        });
        this.pending.set(key, answer);
        void answer.finally(() => this.pending.delete(key));
      }
      if (!(await answer)) return origin;
    }
    return undefined;
  }
}

/** Wraps a client so nothing is sent until every non-default origin of its secret is approved. */
export function guardClient(
  client: ProviderClient,
  exposure: OriginExposure,
  approvals: OriginApprovals,
): ProviderClient {
  const check = async (): Promise<void> => {
    const refused = await approvals.ensure(client.slotId, exposure);
    if (refused) {
      throw new ProviderError({
        kind: 'auth',
        slot: client.slotId,
        code: 'origin-not-approved',
        message: `skynet.toml points ${client.slotId} at ${refused}, which is not the provider's own address; ${exposure.secretLabel} is not sent there until you approve that origin${approvals.howToApprove ? `: ${approvals.howToApprove}` : ''}.`,
      });
    }
  };
  return batchedClient({
    slotId: client.slotId,
    // Checked once before anything is sent; then the client's own stream is read directly (no step per batch).
    streamChatBatches: (request: ChatRequest, options?: RequestOptions) =>
      new Handoff(
        (async function* (): AsyncGenerator<ChatEventBatch, AsyncIterator<ChatEventBatch>> {
          await check();
          return chatEventBatches(client, request, options)[Symbol.asyncIterator]();
        })(),
      ),
    async send(request: ChatRequest, options?: RequestOptions) {
      await check();
      return client.send(request, options);
    },
    async listModels(options?: RequestOptions) {
      await check();
      return client.listModels(options);
    },
  });
}

/** The origin of `url` when it is none of `defaults`' origins (an empty list when it is one, or not a URL). */
export const originsOutside = outside;
