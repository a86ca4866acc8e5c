import { extrasExposures } from '../trust/extrasCredentials';
import { exposureOf, guardClient, type ExposureOptions, type OriginApprovals } from '../trust/originGuard';
import { DEFAULT_ROUTER_SETTINGS, type RouterSettings, type SkynetConfig, type SlotConfig } from '../config/types';
import { buildKeyedSlot } from './keyedSlot';
import { providerModules } from '../providers';
import { defaultBaseUrlFor } from '../providers/descriptors';
import { withExtrasRedacted, withSlotExtrasHttp } from '../providers/slotExtras/withSlotExtras';
import type { ProviderDeps } from '../providers/types';
import type { HealthHandover } from './healthHandover';
import { ProviderRouter } from './router';
import { withSlotDefaults } from './slotDefaults';
import type { RouterSlot } from './types';
import { meteredClient } from '../usage/meteredClient';
import type { SpendBook } from '../usage/spendBook';

export interface BuildOptions {
  /**
   * When given (VS Code), a slot that would send a stored secret to an origin other than its provider's own
   * sends nothing until the user approves that origin (the CLI refuses instead of asking).
   */
  originApprovals?: OriginApprovals;
  /** How the host names the secrets in those questions and refusals. */
  exposure?: ExposureOptions;
  /**
   * Slot id → reason: these slots are not built at all (no client exists that could send anything) and show as
   * unavailable with the reason. VS Code passes the slots an untrusted workspace may not use.
   */
  withheld?: ReadonlyMap<string, string>;
  /**
   * The router this one replaces (VS Code rebuilds on every edit and key change): a slot that is still the same
   * slot (see `slotIdentity`) keeps its cooldown, auth mark, last error and latency. Asked once the new slots
   * are built, so whatever the old router learned meanwhile is carried too.
   */
  previous?: { handover(changedSecrets?: ReadonlySet<string>): HealthHandover };
  /** Secret Storage keys written or deleted since `previous` was built: their slots start fresh. */
  changedSecrets?: ReadonlySet<string>;
  /** Usage, cost and budgets: every slot's requests are counted in it, and slots past a budget are skipped. */
  spend?: SpendBook;
  /** The backoff of a slot's keys after a 429 without Retry-After (the config's `[router]`; defaults otherwise). */
  settings?: Pick<RouterSettings, 'cooldownBaseMs' | 'cooldownMaxMs'>;
}

/** Creates one slot's client, or says why it cannot work (missing key, unreadable file, unsupported kind). */
export async function buildRouterSlot(
  slot: SlotConfig,
  deps: ProviderDeps,
  options: BuildOptions = {},
): Promise<RouterSlot> {
  const withheld = options.withheld?.get(slot.id);
  if (withheld) return { config: slot, unavailableReason: withheld, unavailableCode: 'untrusted-workspace' };
  if ('apiKeys' in slot && slot.apiKeys && slot.apiKeys.length > 1) {
    return buildKeyedSlot(
      { ...slot, apiKeys: slot.apiKeys },
      deps,
      options.settings ?? DEFAULT_ROUTER_SETTINGS,
      (one) => buildRouterSlot(one, deps, options),
    );
  }
  const module = providerModules[slot.kind];
  if (!module)
    return {
      config: slot,
      unavailableReason: `The ${slot.kind} provider is not available in this build`,
      unavailableCode: 'unsupported',
    };
  try {
    const reason = await module.preflight?.(slot, deps);
    if (reason) return { config: slot, unavailableReason: reason, unavailableCode: 'needs-credentials' };
    // The slot's `headers`/`query` ride on its HTTP client, so every family gets them for its API calls alone.
    const slotDeps = { ...deps, http: withSlotExtrasHttp(deps.http, slot, deps) };
    // The slot's skynet.toml defaults (reasoning) apply inside the slot, so a failover sends the next slot's own.
    const defaulted = withSlotDefaults(withExtrasRedacted(module.create(slot, slotDeps), slot, deps), slot);
    const client = options.spend ? meteredClient(defaulted, slot, options.spend) : defaulted;
    const approvals = options.originApprovals;
    if (!approvals) return { config: slot, client };
    const exposures = [
      exposureOf(slot, defaultBaseUrlFor(slot), options.exposure),
      ...extrasExposures(slot, defaultBaseUrlFor(slot)),
    ];
    const guarded = exposures.reduce(
      (inner, exposure) => (exposure ? guardClient(inner, exposure, approvals) : inner),
      client,
    );
    return { config: slot, client: guarded };
  } catch (error) {
    return {
      config: slot,
      unavailableReason: error instanceof Error ? error.message : String(error),
      unavailableCode: 'failed-to-start',
    };
  }
}

/** Builds every slot of a config (in parallel; order kept) and the router over them. */
export async function buildRouter(
  config: SkynetConfig,
  deps: ProviderDeps,
  options: BuildOptions = {},
): Promise<ProviderRouter> {
  const logger = deps.logger.child('slots');
  const slots = await Promise.all(
    config.slots.map((slot) => buildRouterSlot(slot, deps, { settings: config.router, ...options })),
  );
  for (const slot of slots) {
    if (slot.unavailableReason) logger.warn('%s is unavailable: %s', slot.config.id, slot.unavailableReason);
  }
  const inherited = options.previous?.handover(options.changedSecrets);
  return new ProviderRouter(slots, {
    settings: config.router,
    logger: deps.logger,
    now: deps.now,
    inherited,
    budget: options.spend,
  });
}
