import type { CopilotSlot } from '../config/types';
import { exposureOf, type OriginApprovals } from './originGuard';

/**
 * The GitHub API origin when the GitHub token may not go there yet: a `github_api_url` other than api.github.com
 * needs the user's approval (originGuard), and a lookup for the Sign-ins view never asks for it.
 */
export async function unapprovedGithubApiOrigin(
  slot: CopilotSlot,
  approvals: Pick<OriginApprovals, 'isApproved'> | undefined,
): Promise<string | undefined> {
  let origin: string;
  try {
    origin = new URL(slot.githubApiUrl).origin;
  } catch {
    return slot.githubApiUrl;
  }
  const exposure = exposureOf(slot, undefined);
  if (!exposure?.origins.includes(origin)) return undefined;
  return approvals && (await approvals.isApproved(exposure.secretId, origin)) ? undefined : origin;
}
