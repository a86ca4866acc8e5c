import * as assert from 'node:assert/strict';
import { describeCopilotSignIn, describeQwenSignIn, formatLocalTime } from '../../../src/views/signInDescription';

describe('Sign-ins item text', () => {
  const places = ['Token: VS Code Secret Storage', 'Token file: /home/me/.skynet/copilot-token'];

  it('Copilot: not signed in, signed in (account pending), signed in as <login>, sign-in expired, account unknown', () => {
    assert.deepEqual(describeCopilotSignIn({ hasToken: false, tokenPlaces: [] }).description, 'not signed in');
    const pending = describeCopilotSignIn({ hasToken: true, tokenPlaces: places, account: { status: 'looking-up' } });
    assert.equal(pending.description, 'signed in');
    assert.equal(pending.signedIn, true);
    const known = describeCopilotSignIn({
      hasToken: true,
      tokenPlaces: places,
      account: {
        status: 'known',
        account: { login: 'octocat', name: 'The Octocat', plan: 'copilot_for_individuals_pro' },
      },
    });
    assert.equal(known.description, 'signed in as octocat');
    assert.deepEqual(known.tooltip, [
      'GitHub account: octocat (The Octocat)',
      'Copilot plan: copilot_for_individuals_pro',
      ...places,
    ]);
    const expired = describeCopilotSignIn({
      hasToken: true,
      tokenPlaces: places,
      account: { status: 'expired', message: 'revoked' },
    });
    assert.equal(expired.description, 'sign-in expired');
    assert.equal(expired.signedIn, false, 'an expired sign-in offers Sign In');
    const offline = describeCopilotSignIn({
      hasToken: true,
      tokenPlaces: places,
      account: { status: 'unknown', reason: 'HTTP 503' },
    });
    assert.equal(offline.description, 'signed in');
    assert.match(offline.tooltip[0], /HTTP 503/);
    assert.match(
      describeCopilotSignIn({ hasToken: true, tokenPlaces: places, notLookedUp: 'not approved' }).tooltip[0],
      /not approved/,
    );
  });

  it('Qwen: valid until <local time>, expired but refreshable, expired for good, not signed in, unreadable', () => {
    const now = Date.UTC(2026, 2, 12, 10, 0);
    const file = '/home/me/.qwen/oauth_creds.json';
    const formatTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const valid = describeQwenSignIn({
      file,
      now,
      formatTime,
      credentials: {
        accessToken: 'secret-access',
        refreshToken: 'secret-refresh',
        expiresAt: now + 3600_000,
        resourceUrl: 'portal.qwen.ai',
      },
    });
    assert.equal(valid.description, 'signed in · token valid until 11:00');
    assert.ok(valid.tooltip.includes(`Credentials file: ${file}`));
    assert.ok(valid.tooltip.includes('API host: portal.qwen.ai'));
    assert.ok(!valid.tooltip.join('\n').includes('secret-'), 'no token in the tooltip');
    assert.equal(
      describeQwenSignIn({ file, now, credentials: { accessToken: 'a', refreshToken: 'r', expiresAt: now - 1 } })
        .description,
      'signed in · expired, refreshes on next use',
    );
    const dead = describeQwenSignIn({ file, now, credentials: { accessToken: 'a', expiresAt: now - 1 } });
    assert.deepEqual([dead.description, dead.signedIn], ['sign-in expired', false]);
    assert.equal(describeQwenSignIn({ file, now, credentials: { accessToken: 'a' } }).description, 'signed in');
    assert.deepEqual(
      [describeQwenSignIn({ file, now }).description, describeQwenSignIn({ file, now }).signedIn],
      ['not signed in', false],
    );
    assert.equal(describeQwenSignIn({ file, now, error: 'is not valid JSON' }).description, 'credentials unreadable');
  });

  it('local time: the time alone today, the date with it on another day', () => {
    const now = new Date(2026, 2, 12, 9, 0).getTime();
    const later = formatLocalTime(new Date(2026, 2, 12, 14, 5).getTime(), now);
    assert.match(later, /14.05|2.05/);
    assert.ok(formatLocalTime(new Date(2026, 2, 14, 14, 5).getTime(), now).length > later.length);
  });
});
