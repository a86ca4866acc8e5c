import * as assert from 'node:assert/strict';
import { MemoryCredentialStore } from '../../../src/auth/credentialStore';
import { unapprovedGithubApiOrigin } from '../../../src/trust/githubApiOrigin';
import { OriginApprovals } from '../../../src/trust/originGuard';
import { copilotSlot } from '../../fakes/signinHarness';

describe('GitHub API origin for the account lookup', () => {
  const approvals = new OriginApprovals(new MemoryCredentialStore(), async () =>
    assert.fail('the lookup must never prompt'),
  );

  it('api.github.com needs no approval; another origin needs the approval the token already has', async () => {
    assert.equal(
      await unapprovedGithubApiOrigin(copilotSlot({ githubApiUrl: 'https://api.github.com' }), approvals),
      undefined,
    );
    const enterprise = copilotSlot({ githubApiUrl: 'https://ghe.example.com/api/v3' }, '/tmp/token');
    assert.equal(await unapprovedGithubApiOrigin(enterprise, approvals), 'https://ghe.example.com');
    await approvals.approve('file:/tmp/token', 'https://ghe.example.com');
    assert.equal(await unapprovedGithubApiOrigin(enterprise, approvals), undefined);
  });
});
