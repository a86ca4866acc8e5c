import * as assert from 'node:assert/strict';
import { jsonLineFor } from '../../../../src/cli/events';
import { parseConfig } from '../../../support/config';
import { keyRowText, keySourceText, keyStateText, keysTooltip } from '../../../../src/host/slotText/keyText';
import { buildRouter } from '../../../../src/router/buildRouter';
import { keyHint } from '../../../../src/router/keyedSlot';
import type { RoutedEvent } from '../../../../src/router/types';
import { createLogger } from '../../../../src/util/logger';
import { Redactor } from '../../../../src/util/redact';
import { startKeyedServer } from '../../../fakes/keyedServer';
import { fastHttpClient, providerDeps } from '../../../fakes/providerHarness';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }] };

describe("a slot's keys as people see them: number, last four characters, state", () => {
  it('shows the last four characters of a long key only, and none of a short one', () => {
    assert.equal(keyHint('gsk-0123456789abcdefWXYZ'), '…WXYZ');
    assert.equal(keyHint('short-key'), '…');
    assert.equal(keyHint(undefined), '…');
  });

  it("says where a one-key slot's key comes from: this workspace, all workspaces, a variable, the file", () => {
    const base = parseConfig('[[providers.openai_compat]]\nid = "groq"\n', 'skynet.toml', {});
    assert.ok(base.ok);
    const slot = base.config.slots[0];
    assert.equal(keySourceText(slot), 'API key for all workspaces (Secret Storage)');
    assert.equal(
      keySourceText({ ...slot, apiKey: { type: 'store', workspace: 'abc' } } as typeof slot),
      'API key for this workspace only (Secret Storage)',
    );
    assert.equal(
      keySourceText({ ...slot, apiKey: { type: 'env', name: 'GROQ_A' } } as typeof slot),
      'API key from the environment variable GROQ_A',
    );
  });

  it('states: ready, cooling until a clock time with the status, rejected with why', () => {
    const at = new Date(2026, 11, 5, 20, 41, 5).getTime();
    assert.equal(keyStateText({ key: 1, hint: '…abcd', origin: 'stored', state: 'ready' }), 'ready');
    assert.equal(
      keyStateText({
        key: 1,
        hint: '…abcd',
        origin: 'stored',
        state: 'cooling',
        coolingUntil: at,
        lastError: { kind: 'rate-limit', message: 'slow down', status: 429, at },
      }),
      'cooling until 20:41:05 (429)',
    );
    assert.equal(
      keyRowText({
        key: 2,
        hint: '…abcd',
        origin: 'env',
        state: 'rejected',
        lastError: { kind: 'auth', message: 'Invalid API Key', status: 401, at },
      }).description,
      'rejected: Invalid API Key',
    );
  });

  it('never shows, logs or prints more of a key than its last four characters (tree, tooltip, log, --json)', async () => {
    const keys = ['gsk-first-secret-value-AAAA', 'gsk-second-secret-value-BBB2', 'gsk-third-secret-value-CCC3'];
    const server = await startKeyedServer({ [keys[0]]: { status: 429 }, [keys[1]]: { status: 401 }, [keys[2]]: 'ok' });
    const http = fastHttpClient();
    try {
      const lines: string[] = [];
      // A redactor that knows no secret: what is asserted is that nothing but numbers and hints is ever written.
      const logger = createLogger((level, line) => lines.push(`${level} ${line}`), new Redactor());
      const text = `[[providers.openai_compat]]\nid = "pool"\nbase_url = "${server.url}"\nmodel = "m"\napi_keys = ${JSON.stringify(keys)}\n`;
      const parsed = parseConfig(text, 'skynet.toml', {});
      assert.ok(parsed.ok);
      const router = await buildRouter(parsed.config, providerDeps(http, { logger }));
      const events: RoutedEvent[] = [];
      for await (const event of router.streamChat(prompt)) events.push(event);
      const health = router.health()[0];
      assert.deepEqual(
        health.keys?.map((key) => key.state),
        ['cooling', 'rejected', 'ready'],
      );
      const shown = [
        ...lines,
        JSON.stringify(events.map(jsonLineFor)),
        JSON.stringify(router.health()),
        keysTooltip(router.slots[0].config, health.keys) ?? '',
        ...health.keys!.map((key) => JSON.stringify(keyRowText(key))),
      ].join('\n');
      assert.match(shown, /…AAAA/);
      for (const key of keys) {
        assert.ok(!shown.includes(key), 'a whole key');
        assert.ok(!shown.includes(key.slice(0, -4)), 'a key but its last four');
        assert.ok(!shown.includes(key.slice(-5)), 'more than the last four characters');
      }
    } finally {
      await server.close();
      await http.close();
    }
  });
});
