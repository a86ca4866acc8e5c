import * as assert from 'node:assert/strict';
import type { CopilotSlot } from '../../../../src/config/types';
import { errorFixes, unavailableSlotFixes } from '../../../../src/host/participant/errorButtons';
import { AllSlotsFailedError } from '../../../../src/router/routerError';
import { ProviderError } from '../../../../src/util/errors';
import { slotConfig } from '../../../fakes/scriptedClient';

const copilot: CopilotSlot = {
  id: 'copilot',
  kind: 'copilot',
  displayName: 'GitHub Copilot',
  model: 'gpt-4o',
  baseUrl: 'https://api.githubcopilot.com',
  source: { file: 'skynet.toml', line: 1, column: 1 },
  githubUrl: 'https://github.com',
  githubApiUrl: 'https://api.github.com',
};
const titles = (fixes: Array<{ title: string; arguments?: unknown[] }>) =>
  fixes.map((fix) => `${fix.title}${fix.arguments ? ` ${JSON.stringify(fix.arguments)}` : ''}`);

describe('errorFixes', () => {
  // Attempts are built as the router builds them: a code from the ProviderError or from the slot's unavailableCode.
  it('offers Set API Key for a key slot and Sign In for a sign-in slot that failed auth, then Open skynet.toml', () => {
    const error = new AllSlotsFailedError([
      { slot: 'groq', kind: 'auth', message: 'HTTP 401: invalid key', status: 401 },
      { slot: 'copilot', kind: 'skipped', message: 'Not signed in to GitHub Copilot', code: 'needs-credentials' },
      { slot: 'ollama', kind: 'network', message: 'connection refused' },
    ]);
    assert.deepEqual(titles(errorFixes(error, [slotConfig('groq'), copilot])), [
      'Set API Key for groq ["groq"]',
      'Sign In to GitHub Copilot ["copilot"]',
      'Open skynet.toml',
    ]);
  });

  it('offers Trust Workspace and the user-level config, not a key, for slots the untrusted workspace may not use', () => {
    const error = new AllSlotsFailedError([
      {
        slot: 'groq',
        kind: 'skipped',
        message: 'workspace not trusted: skynet.toml of this workspace may not use your groq API key',
        code: 'untrusted-workspace',
      },
    ]);
    assert.deepEqual(titles(errorFixes(error, [slotConfig('groq')])), [
      'Trust Workspace',
      'Use My User-Level Config',
      'Open skynet.toml',
    ]);
    const slot = {
      config: slotConfig('groq'),
      unavailableReason: 'workspace not trusted: no',
      unavailableCode: 'untrusted-workspace' as const,
    };
    assert.deepEqual(titles(unavailableSlotFixes(slot, [slotConfig('groq')])), [
      'Trust Workspace',
      'Use My User-Level Config',
      'Open skynet.toml',
    ]);
  });

  it('decides on the code, not the words: "key" or "sign" in a message adds no key button, a typed code does', () => {
    const worded = new AllSlotsFailedError([
      {
        slot: 'groq',
        kind: 'network',
        message: 'connection reset while sending the key exchange; sign of a flaky proxy',
      },
      {
        slot: 'copilot',
        kind: 'skipped',
        message: 'The copilot client failed to start: bad key format',
        code: 'failed-to-start',
      },
      { slot: 'other', kind: 'skipped', message: 'workspace not trusted, they say', code: 'cooling' },
    ]);
    assert.deepEqual(titles(errorFixes(worded, [slotConfig('groq'), copilot, slotConfig('other')])), [
      'Open skynet.toml',
    ]);
    const typed = new AllSlotsFailedError([
      { slot: 'groq', kind: 'skipped', message: 'unavailable', code: 'needs-credentials' },
      { slot: 'other', kind: 'skipped', message: 'credentials rejected (HTTP 401)', code: 'credentials-rejected' },
    ]);
    assert.deepEqual(titles(errorFixes(typed, [slotConfig('groq'), slotConfig('other')])), [
      'Set API Key for groq ["groq"]',
      'Set API Key for other ["other"]',
      'Open skynet.toml',
    ]);
    const missing = {
      config: slotConfig('groq'),
      unavailableReason: 'No API key for groq',
      unavailableCode: 'needs-credentials' as const,
    };
    assert.deepEqual(titles(unavailableSlotFixes(missing, [slotConfig('groq')])), [
      'Set API Key for groq ["groq"]',
      'Open skynet.toml',
    ]);
  });

  it('does not offer a new key when the origin was refused', () => {
    const refused = new ProviderError({
      kind: 'auth',
      slot: 'groq',
      code: 'origin-not-approved',
      message: 'not sent there until you approve that origin.',
    });
    assert.deepEqual(titles(errorFixes(refused, [slotConfig('groq')])), ['Open skynet.toml']);
    const all = new AllSlotsFailedError([
      {
        slot: 'groq',
        kind: 'auth',
        message: 'skynet.toml points groq at http://x; your key is not sent there until you approve that origin.',
        code: 'origin-not-approved',
      },
    ]);
    assert.deepEqual(titles(errorFixes(all, [slotConfig('groq')])), ['Open skynet.toml']);
    // Benched after the refusal: the next request skips it with the refusal's code, still no key button.
    const benched = new AllSlotsFailedError([
      {
        slot: 'groq',
        kind: 'skipped',
        message: 'credentials rejected (…approve that origin.)',
        code: 'origin-not-approved',
      },
    ]);
    assert.deepEqual(titles(errorFixes(benched, [slotConfig('groq')])), ['Open skynet.toml']);
  });

  it('offers Add Provider when there are no slots, and nothing slot-specific for other errors', () => {
    assert.deepEqual(titles(errorFixes(undefined, [])), ['Add Provider', 'Open skynet.toml']);
    assert.deepEqual(
      titles(
        errorFixes(new ProviderError({ kind: 'bad-request', slot: 'groq', message: 'HTTP 400' }), [slotConfig('groq')]),
      ),
      ['Open skynet.toml'],
    );
  });

  it('names the slot in its buttons with bidi and control characters visible, never acting', () => {
    const sneaky = { ...copilot, displayName: 'Copilot\u202e\nlive' };
    const error = new AllSlotsFailedError([{ slot: 'copilot', kind: 'auth', message: 'HTTP 401', status: 401 }]);
    assert.equal(errorFixes(error, [sneaky])[0]!.title, 'Sign In to Copilot<U+202E><U+000A>live');
  });
});
