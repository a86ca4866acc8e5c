import * as assert from 'node:assert/strict';
import { renderStatus, usePinnedSlot } from '../../../../src/host/participant/participantCommands';
import type { ConfigService } from '../../../../src/host/configService/configService';
import type { RouterSlot, SlotHealth } from '../../../../src/router/types';
import { slotConfig } from '../../../fakes/scriptedClient';

/** Records what a handler writes to the chat (markdown and buttons), in order. */
function fakeStream() {
  const written: string[] = [];
  return {
    written,
    stream: {
      markdown: (text: string) => written.push(text),
      button: (command: { title: string }) => written.push(`[${command.title}]`),
    } as never,
  };
}

function fakeService(
  slots: RouterSlot[],
  health: SlotHealth[],
  errors: unknown[] = [],
  untrusted = new Map<string, string>(),
): ConfigService {
  return {
    router: { slots, health: () => health },
    errors,
    config: { slots: slots.map((slot) => slot.config) },
    restricted: untrusted.size > 0,
    untrustedSlots: untrusted,
    source: 'workspace',
  } as unknown as ConfigService;
}

describe('@skynet /status and /use', () => {
  it('/status lists the slots in router order with their health and marks the pinned one', () => {
    const { written, stream } = fakeStream();
    const slots = [
      { config: { ...slotConfig('groq'), displayName: 'Groq' } },
      { config: slotConfig('local'), unavailableReason: 'not running' },
    ];
    const result = renderStatus(
      fakeService(slots, [
        { slotId: 'groq', state: 'ready' },
        { slotId: 'local', state: 'unavailable', unavailableReason: 'not running' },
      ]),
      stream,
      'groq',
    );
    assert.equal(written.length, 1);
    // Every file- or server-supplied part is Markdown-escaped (the model's `-` as `\-`); our own `**…**` makes emphasis.
    assert.match(
      written[0],
      /1\. \*\*groq\*\* — groq\\-model · Groq: ready · \*\*pinned\*\*\n2\. \*\*local\*\* — local\\-model: unavailable: not running/,
    );
    assert.deepEqual(result.metadata, { pinnedSlot: 'groq' });
  });

  it('/status says when the config has errors and offers to open it; with no slots it offers Add Provider', () => {
    const broken = fakeStream();
    renderStatus(
      fakeService([{ config: slotConfig('a') }], [{ slotId: 'a', state: 'ready' }], [{}]),
      broken.stream,
      undefined,
    );
    assert.deepEqual(broken.written.slice(1), [
      '\n\nskynet.toml has 1 error(s); the last good configuration is serving.',
      '[Open skynet.toml]',
    ]);
    const empty = fakeStream();
    renderStatus(fakeService([], []), empty.stream, undefined);
    assert.deepEqual(empty.written, ['No Skynet slots are configured.', '[Add Provider]']);
  });

  it('/status in an untrusted workspace says why slots are disabled and offers Trust Workspace and the user-level config', () => {
    const reason =
      'workspace not trusted: skynet.toml of this workspace may not use your groq API key from Secret Storage';
    const { written, stream } = fakeStream();
    renderStatus(
      fakeService(
        [{ config: slotConfig('groq'), unavailableReason: reason }, { config: slotConfig('ollama') }],
        [
          { slotId: 'groq', state: 'unavailable', unavailableReason: reason },
          { slotId: 'ollama', state: 'ready' },
        ],
        [],
        new Map([['groq', reason]]),
      ),
      stream,
      undefined,
    );
    assert.match(written[0], /\*\*groq\*\* — groq\\-model: unavailable: workspace not trusted\\: skynet\\\.toml/);
    assert.match(
      written[1],
      /This workspace is not trusted, so its skynet\.toml may not send your stored API keys.*1 of 2 slot\(s\) are disabled \(groq\)/,
    );
    assert.deepEqual(written.slice(2), ['[Trust Workspace]', '[Use My User-Level Config]']);
  });

  it("/status shows a server's error, a model id and a reason as text: no link, image or HTML reaches the chat", () => {
    const hostile = 'HTTP 400: see [x](https://evil) ![i](http://evil/p.png) <img src=x onerror=alert(1)> **loud**';
    const { written, stream } = fakeStream();
    const slots = [
      { config: { ...slotConfig('groq'), model: '[m](https://evil/model)' } },
      { config: slotConfig('local'), unavailableReason: '<img src=x>' },
    ];
    renderStatus(
      fakeService(slots, [
        { slotId: 'groq', state: 'ready', failingSince: 1, lastError: { kind: 'server', message: hostile, at: 1 } },
        { slotId: 'local', state: 'unavailable', unavailableReason: '<img src=x>' },
      ]),
      stream,
      undefined,
    );
    const status = written.join('');
    // Each `[`, `]`, `(`, `!`, `<` and `*` that came from the server or the file is preceded by a backslash.
    assert.ok(
      status.includes(
        'see \\[x\\]\\(https\\:\\/\\/evil\\) \\!\\[i\\]\\(http\\:\\/\\/evil\\/p\\.png\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\*\\*loud\\*\\*',
      ),
      status,
    );
    assert.ok(status.includes('\\[m\\]\\(https\\:\\/\\/evil\\/model\\)'), status);
    assert.ok(status.includes('unavailable: \\<img src\\=x\\>'), status);
    // Nothing unescaped is left that Markdown would make a link, an image, an HTML tag or emphasis of.
    const unescaped = status.replace(/\\[!-/:-@[-`{-~]/g, '');
    assert.doesNotMatch(unescaped, /\]\(|<img|!\[/);
    assert.deepEqual(unescaped.match(/\*\*/g)?.length, 4, 'only the two slot ids are bold');
  });

  it('/use names the pinned slot and why it is unavailable as text', () => {
    const { written, stream } = fakeStream();
    usePinnedSlot(
      fakeService(
        [
          {
            config: { ...slotConfig('groq'), model: '![i](http://evil/p.png)' },
            unavailableReason: '[fix](command:evil)',
          },
        ],
        [],
      ),
      'groq',
      stream,
    );
    assert.equal(
      written.join(''),
      'This conversation now uses **groq** (\\!\\[i\\]\\(http\\:\\/\\/evil\\/p\\.png\\)).\n\nIt is unavailable right now: \\[fix\\]\\(command\\:evil\\)',
    );
  });

  it('/use pins a known slot, refuses an unknown one, and /use auto clears the pin', () => {
    const service = fakeService([{ config: slotConfig('groq') }], []);
    assert.deepEqual(usePinnedSlot(service, ' groq ', fakeStream().stream).metadata, { pinnedSlot: 'groq' });
    const unknown = fakeStream();
    assert.deepEqual(usePinnedSlot(service, 'grok', unknown.stream), {});
    assert.match(unknown.written[0], /There is no slot `grok`\. Slots: `groq`\./);
    assert.deepEqual(usePinnedSlot(service, 'auto', fakeStream().stream).metadata, { pinnedSlot: '' });
  });
});
