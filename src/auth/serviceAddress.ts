// An address a service hands back (the Copilot API in GitHub's token reply, Qwen's `resource_url`, a key file's
// `token_uri`) is judged like one skynet.toml names, on the final URL and before any credential is attached: the
// service's documented hosts pass, so do the origins this slot already sends the credential to (its configured
// addresses, approved or the provider's own); any other origin needs the user's approval, or is refused.
import { ProviderError } from '../util/errors';

/** A secret and the origins outside its provider's own it would reach (src/trust/originGuard.ts decides on them). */
export interface OriginExposure {
  /** Stable id of the secret: its storage key, or the credential source (AWS profile, key file). */
  secretId: string;
  /** For the prompt: "your Groq API key", "your AWS credentials (profile default)". */
  secretLabel: string;
  /** Origins outside the provider's defaults that the secret (or a signature made with it) would reach. */
  origins: string[];
  /** When a service's reply or file named the address, not skynet.toml: what named it (for the question). */
  namedBy?: string;
}

/**
 * Who decides an origin that is none of those: in VS Code the origin modal (`OriginApprovals`, remembered per
 * secret and origin). The CLI passes none: there is no one to ask, so such an origin is refused.
 */
export interface ServiceOriginApprovals {
  /** The first origin of `exposure` the user did not approve, or undefined when all are approved. */
  ensure(slotId: string, exposure: OriginExposure): Promise<string | undefined>;
}

/** What a slot's credential may reach when a service names the address. */
export interface ServiceAddressRule {
  slotId: string;
  /** What named the address, for the question and the refusal: "GitHub's Copilot token reply (endpoints.api)". */
  namedBy: string;
  /** The credential's approval id and words (the same as for the slot's configured addresses). */
  secretId: string;
  secretLabel: string;
  /** The service's documented hosts: an https URL whose hostname passes is its own. */
  ownHost: (hostname: string) => boolean;
  /** Addresses the slot is configured with: their origins already carry this credential. */
  configured: ReadonlyArray<string | undefined>;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Whether `hostname` is `domain` or a subdomain of it (`api.github.com` of `github.com`); never for IP addresses. */
export function isHostOrSubdomain(hostname: string, domain: string): boolean {
  const host = hostname.toLowerCase();
  const parent = domain.toLowerCase();
  if (/^[\d.]+$/.test(parent) || parent.startsWith('[')) return host === parent;
  return host === parent || host.endsWith(`.${parent}`);
}

/** Whether the service's own rules let the credential go to `url` without asking. */
export function isServiceOwnAddress(url: string, rule: Pick<ServiceAddressRule, 'ownHost' | 'configured'>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && rule.ownHost(parsed.hostname)) return true;
  return rule.configured.some((configured) => originOf(configured) === parsed.origin);
}

/**
 * Resolves when the credential may go to `url`; otherwise asks `approvals` (VS Code) or, without any (CLI),
 * refuses: a typed `auth` error with code `origin-not-approved` that names the address and what named it.
 */
export async function checkServiceAddress(
  url: string,
  rule: ServiceAddressRule,
  approvals: ServiceOriginApprovals | undefined,
): Promise<void> {
  if (isServiceOwnAddress(url, rule)) return;
  const origin = originOf(url);
  const exposure: OriginExposure = {
    secretId: rule.secretId,
    secretLabel: rule.secretLabel,
    origins: [origin ?? url],
    namedBy: rule.namedBy,
  };
  const refused = approvals && origin ? await approvals.ensure(rule.slotId, exposure) : (origin ?? url);
  if (refused === undefined) return;
  throw new ProviderError({
    kind: 'auth',
    slot: rule.slotId,
    code: 'origin-not-approved',
    message:
      `${rule.namedBy} names ${refused} as the address for ${rule.slotId}, which is not one of the service's own addresses; ` +
      `${rule.secretLabel} is not sent there${approvals ? ' until you approve that origin' : " (the CLI cannot ask, so it sends a credential only to the service's documented hosts and the slot's configured addresses)"}.`,
  });
}
