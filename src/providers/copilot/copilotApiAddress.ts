import { isHostOrSubdomain, type ServiceAddressRule } from '../../auth/serviceAddress';
import type { CopilotSlot } from '../../config/types';
import { copilotDescriptor } from './descriptor';

/**
 * The Copilot API address GitHub's token reply names (`endpoints.api`) may carry the Copilot token when it is one
 * of GitHub's documented Copilot hosts, `https://*.githubcopilot.com` (api.individual…, api.business…,
 * api.enterprise…), or under the GitHub the slot signs in to: `*.SUBDOMAIN.ghe.com` for GHE.com, the Enterprise
 * Server's own domain, `*.github.com` for github.com (docs.github.com, "Copilot allowlist reference",
 * checked 2026-12-05), or one of the slot's configured addresses. Anything else needs the user's approval.
 */
export function copilotApiRule(slot: CopilotSlot): ServiceAddressRule {
  const secret = copilotDescriptor.slotCredential.secret(slot, copilotDescriptor.baseUrl)!;
  const githubDomain = githubDomainOf(slot.githubApiUrl);
  return {
    slotId: slot.id,
    namedBy: "GitHub's Copilot token reply (endpoints.api)",
    secretId: secret.secretId,
    secretLabel: 'your Copilot token (from your GitHub sign-in)',
    ownHost: (hostname) =>
      isHostOrSubdomain(hostname, 'githubcopilot.com') ||
      (githubDomain !== undefined && isHostOrSubdomain(hostname, githubDomain)),
    configured: [slot.baseUrl, slot.githubApiUrl, slot.githubUrl],
  };
}

/** `api.github.com` → `github.com`, `api.tenant.ghe.com` → `tenant.ghe.com`, `ghe.corp/api/v3` → `ghe.corp`. */
function githubDomainOf(githubApiUrl: string): string | undefined {
  try {
    const hostname = new URL(githubApiUrl).hostname;
    return hostname.startsWith('api.') ? hostname.slice('api.'.length) : hostname;
  } catch {
    return undefined;
  }
}
