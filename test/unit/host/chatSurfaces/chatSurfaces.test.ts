import * as assert from 'node:assert/strict';
import { chatApisOf, tryRegister, unavailableNotice } from '../../../../src/host/chatSurfaces/chatSurfaces';

const disposable = { dispose() {} };

describe('chat surfaces in editors that lack them', () => {
  it("registers through the editor's function and reports the surface available", () => {
    const calls: string[] = [];
    const state = tryRegister(
      'models',
      'vscode.lm.registerLanguageModelChatProvider',
      (vendor: string) => (calls.push(vendor), disposable),
      (register) => {
        assert.equal(register('skynet'), disposable);
      },
    );
    assert.deepEqual(state, { surface: 'models', available: true });
    assert.deepEqual(calls, ['skynet']);
  });

  it('a missing namespace or function is "unavailable", and the registration never runs', () => {
    let ran = false;
    const state = tryRegister('participant', 'vscode.chat.createChatParticipant', undefined, () => (ran = true));
    assert.equal(ran, false);
    assert.deepEqual(state, {
      surface: 'participant',
      available: false,
      reason: 'this editor has no vscode.chat.createChatParticipant',
    });
  });

  it('a stub that throws, or returns no Disposable, is "unavailable" instead of a failed activation', () => {
    const throwing = tryRegister(
      'models',
      'vscode.lm.registerLanguageModelChatProvider',
      () => {
        throw new Error('Not supported in this editor');
      },
      (register) => register(),
    );
    assert.equal(throwing.available, false);
    assert.match(
      throwing.reason!,
      /vscode\.lm\.registerLanguageModelChatProvider failed: Not supported in this editor/,
    );
    const hollow = tryRegister(
      'participant',
      'vscode.chat.createChatParticipant',
      () => undefined,
      (create) => create(),
    );
    assert.equal(hollow.available, false);
    assert.match(hollow.reason!, /returned no Disposable/);
  });

  it('the test seam hides the namespaces it names, and only those', () => {
    const api = {
      lm: { registerLanguageModelChatProvider: () => disposable },
      chat: { createChatParticipant: () => disposable },
    };
    assert.deepEqual(chatApisOf(api as never, undefined), api);
    assert.deepEqual(chatApisOf(api as never, 'lm'), { lm: undefined, chat: api.chat });
    assert.deepEqual(chatApisOf(api as never, 'lm, chat'), { lm: undefined, chat: undefined });
  });

  it('one notice names every missing surface and points to the CLI; none when both work', () => {
    assert.equal(
      unavailableNotice([
        { surface: 'models', available: true },
        { surface: 'participant', available: true },
      ]),
      undefined,
    );
    const one = unavailableNotice([
      { surface: 'models', available: true },
      { surface: 'participant', available: false, reason: 'this editor has no vscode.chat.createChatParticipant' },
    ])!;
    assert.match(
      one,
      /^Skynet: @skynet in the chat view \(vscode\.chat\) is not available in this editor \(this editor has no vscode\.chat\.createChatParticipant\)/,
    );
    assert.doesNotMatch(one, /model picker/);
    assert.match(one, /skynet chat/);
    const both = unavailableNotice([
      { surface: 'models', available: false, reason: 'a' },
      { surface: 'participant', available: false, reason: 'b' },
    ])!;
    assert.match(both, /model picker .* and @skynet .* are not available in this editor \(a; b\)/);
  });
});
