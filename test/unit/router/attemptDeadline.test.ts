import * as assert from 'node:assert/strict';
import { AttemptDeadline } from '../../../src/router/attemptDeadline';
import { ProviderError } from '../../../src/util/errors';

const settings = { firstTokenTimeoutMs: 60_000 };

describe('attempt deadline: the signal an attempt is sent with', () => {
  it("aborts when a parent aborts, with that parent's reason", () => {
    const caller = new AbortController();
    const race = new AbortController();
    const deadline = new AttemptDeadline('s', settings, [caller.signal, undefined, race.signal]);
    assert.equal(deadline.signal.aborted, false);
    race.abort('lost the race');
    assert.equal(deadline.signal.aborted, true);
    assert.equal(deadline.signal.reason, 'lost the race');
    caller.abort('too late');
    assert.equal(deadline.signal.reason, 'lost the race');
    assert.equal(deadline.fired, undefined);
  });

  it('starts aborted when a parent already is', () => {
    const caller = new AbortController();
    caller.abort('before');
    const deadline = new AttemptDeadline('s', settings, [caller.signal]);
    assert.equal(deadline.signal.aborted, true);
    assert.equal(deadline.signal.reason, 'before');
    deadline.dispose();
  });

  it('a disposed deadline is no longer held by its parents: their abort leaves it alone', () => {
    const caller = new AbortController();
    const deadline = new AttemptDeadline('s', settings, [caller.signal]);
    deadline.dispose();
    caller.abort('after the attempt');
    assert.equal(deadline.signal.aborted, false);
  });

  it('a timeout aborts with the typed timeout, which fired reports', async () => {
    const caller = new AbortController();
    const deadline = new AttemptDeadline('s', { firstTokenTimeoutMs: 5 }, [caller.signal]);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve));
    assert.ok(deadline.fired instanceof ProviderError);
    assert.equal(deadline.fired.kind, 'timeout');
    assert.equal(deadline.signal.reason, deadline.fired);
  });
});
