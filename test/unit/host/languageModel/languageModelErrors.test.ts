import * as assert from 'node:assert/strict';
import {
  languageModelErrorMessage,
  toLanguageModelError,
} from '../../../../src/host/languageModel/languageModelErrors';
import { AllSlotsFailedError } from '../../../../src/router/routerError';
import { ProviderError } from '../../../../src/util/errors';

describe('errors thrown to VS Code chat (vscode.lm)', () => {
  it('carries an actionable message and no stack, so the chat cannot print bundle paths', () => {
    const failed = new AllSlotsFailedError([{ slot: 'dead', kind: 'network', message: 'Connection refused' }]);
    const thrown = toLanguageModelError(failed);
    assert.equal(thrown.stack, undefined);
    assert.equal(
      thrown.message,
      'Skynet could not answer. dead: Connection refused. Check that the service is running and reachable, then try again ("Skynet: Test Slots" checks every slot).',
    );
    assert.ok(!/extension\.js|\bat /.test(`${thrown.message}`));
    // What the extension host serializes: name, message and stack (undefined here).
    assert.deepEqual(JSON.parse(JSON.stringify({ name: thrown.name, message: thrown.message, stack: thrown.stack })), {
      name: 'SkynetError',
      message: thrown.message,
    });
  });

  it('names the fix by what failed: a key, trust, a cooldown, a missing model', () => {
    const auth = new AllSlotsFailedError([
      { slot: 'a', kind: 'auth', message: 'HTTP 401' },
      { slot: 'b', kind: 'skipped', code: 'cooling', message: 'cooling down for 20s' },
    ]);
    assert.match(
      languageModelErrorMessage(auth),
      /a: HTTP 401; b: cooling down for 20s\. Set the key with "Skynet: Set API Key"/,
    );
    assert.match(
      languageModelErrorMessage(
        new AllSlotsFailedError([
          { slot: 'a', kind: 'skipped', code: 'untrusted-workspace', message: 'workspace not trusted' },
        ]),
      ),
      /Trust this workspace/,
    );
    assert.match(
      languageModelErrorMessage(new ProviderError({ kind: 'not-found', slot: 'groq', message: 'model not found' })),
      /^Skynet could not answer\. groq: model not found\. Pick a model/,
    );
    assert.match(
      languageModelErrorMessage(new AllSlotsFailedError([])),
      /no slot to answer with\. Run "Skynet: Add Provider"/,
    );
    assert.match(
      languageModelErrorMessage(new Error('boom')),
      /^Skynet could not answer: boom\. See "Skynet: Show Log"/,
    );
    // A message that ends its own sentence does not get a second full stop.
    assert.match(
      languageModelErrorMessage(
        new ProviderError({
          kind: 'auth',
          slot: 'g',
          code: 'origin-not-approved',
          message: 'not sent there until you approve that origin.',
        }),
      ),
      /approve that origin\. Send the request again/,
    );
  });
});
