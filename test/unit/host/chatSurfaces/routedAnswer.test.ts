import * as assert from 'node:assert/strict';
import { DEFAULT_ROUTER_SETTINGS } from '../../../../src/config/types';
import { MidStreamError, describeFailovers, streamRoutedAnswer } from '../../../../src/host/chatSurfaces/routedAnswer';
import { ProviderRouter } from '../../../../src/router/router';
import { ScriptedClient, answer, failure, routerSlot } from '../../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

function recordingSink() {
  const seen: string[] = [];
  return {
    seen,
    sink: {
      text: (text: string) => seen.push(`text:${text}`),
      toolCall: (id: string, name: string, input: Record<string, unknown>) =>
        seen.push(`tool:${id}:${name}:${JSON.stringify(input)}`),
      failover: (event: { from: string; kind: string }, name: string) => seen.push(`failover:${name}:${event.kind}`),
      answering: (slot: string) => seen.push(`answering:${slot}`),
      reasoning: (text: string) => seen.push(`reasoning:${text}`),
    },
  };
}

const router = (...clients: ScriptedClient[]) =>
  new ProviderRouter(clients.map(routerSlot), { settings: DEFAULT_ROUTER_SETTINGS });

describe('streamRoutedAnswer', () => {
  it('names a failed slot with its bidi and control characters shown, not acting', async () => {
    const limited = routerSlot(new ScriptedClient('anthropic', [failure('anthropic', 'rate-limit', 429, 30_000)]));
    const sneaky = { ...limited, config: { ...limited.config, displayName: 'Anth\u202eropic\x1b[2J' } };
    const { seen, sink } = recordingSink();
    await streamRoutedAnswer(
      new ProviderRouter([sneaky, routerSlot(new ScriptedClient('groq', [{ type: 'text-delta', text: 'ok' }]))], {
        settings: DEFAULT_ROUTER_SETTINGS,
      }),
      prompt,
      { signal: new AbortController().signal },
      sink,
    );
    assert.equal(seen[0], 'failover:Anth<U+202E>ropic<U+001B>[2J:rate-limit');
  });

  it('streams text and tool calls to the sink and reports the failover and the answering slot', async () => {
    const limited = new ScriptedClient('anthropic', [failure('anthropic', 'rate-limit', 429, 30_000)]);
    const groq = new ScriptedClient('groq', [
      { type: 'text-delta', text: 'Checking.' },
      { type: 'tool-call', id: 'c1', name: 'search', arguments: { q: 'x' } },
      { type: 'finish', reason: 'tool-calls' },
    ]);
    const { seen, sink } = recordingSink();
    const outcome = await streamRoutedAnswer(
      router(limited, groq),
      prompt,
      { signal: new AbortController().signal },
      sink,
    );
    assert.deepEqual(seen, [
      'failover:anthropic:rate-limit',
      'answering:groq',
      'text:Checking.',
      'tool:c1:search:{"q":"x"}',
    ]);
    assert.equal(outcome.slot, 'groq');
    assert.equal(outcome.hadOutput, true);
    assert.deepEqual(
      outcome.failovers.map((failover) => failover.from),
      ['anthropic'],
    );
  });

  it('hands reasoning to the sink without counting it as answer text', async () => {
    const thinker = new ScriptedClient('claude', [
      { type: 'reasoning-delta', text: 'Let me think.' },
      { type: 'reasoning-delta', text: '', signature: 'sig' },
      { type: 'text-delta', text: 'Done.' },
      { type: 'finish', reason: 'stop' },
    ]);
    const { seen, sink } = recordingSink();
    const outcome = await streamRoutedAnswer(router(thinker), prompt, { signal: new AbortController().signal }, sink);
    assert.deepEqual(seen, ['answering:claude', 'reasoning:Let me think.', 'text:Done.']);
    assert.equal(outcome.hadOutput, true);
  });

  it('targets one slot when given a slot id', async () => {
    const first = new ScriptedClient('a', answer('from a'));
    const second = new ScriptedClient('b', answer('from b'));
    const { seen, sink } = recordingSink();
    const outcome = await streamRoutedAnswer(
      router(first, second),
      prompt,
      { signal: new AbortController().signal, slotId: 'b' },
      sink,
    );
    assert.deepEqual(
      seen.filter((line) => line.startsWith('text')),
      ['text:from b'],
    );
    assert.equal(first.calls, 0);
    assert.equal(outcome.slot, 'b');
  });

  it('wraps a failure after output in MidStreamError that keeps what was answered', async () => {
    const broken = new ScriptedClient('a', [{ type: 'text-delta', text: 'Half an ans' }, failure('a', 'network')]);
    const { seen, sink } = recordingSink();
    await assert.rejects(
      streamRoutedAnswer(
        router(broken, new ScriptedClient('b', answer('unused'))),
        prompt,
        { signal: new AbortController().signal },
        sink,
      ),
      (error: unknown) =>
        error instanceof MidStreamError &&
        error.outcome.slot === 'a' &&
        error.outcome.hadOutput &&
        /network/.test(error.message),
    );
    assert.deepEqual(
      seen.filter((line) => line.startsWith('text')),
      ['text:Half an ans'],
    );
  });

  it('passes a failure before any output through unchanged', async () => {
    const { sink } = recordingSink();
    await assert.rejects(
      streamRoutedAnswer(
        router(new ScriptedClient('a', [failure('a', 'bad-request', 400)])),
        prompt,
        { signal: new AbortController().signal },
        sink,
      ),
      (error: unknown) => !(error instanceof MidStreamError) && (error as { kind?: string }).kind === 'bad-request',
    );
  });
});

describe('describeFailovers', () => {
  const names: Record<string, string> = { anthropic: 'Anthropic', groq: 'Groq', openai: 'OpenAI' };
  const nameOf = (slot: string) => names[slot] ?? slot;

  it('says who failed, why, and who answered', () => {
    const text = describeFailovers(
      [
        { type: 'failover', from: 'anthropic', kind: 'rate-limit', message: '429' },
        { type: 'failover', from: 'openai', kind: 'auth', message: '401' },
      ],
      'groq',
      nameOf,
    );
    assert.equal(text, 'Anthropic rate limited · OpenAI rejected the credentials · answered by Groq');
  });

  it('names only the answering slot when nothing failed', () => {
    assert.equal(describeFailovers([], 'groq', nameOf), 'answered by Groq');
  });

  it('names slots the router passed over because their model could not take the request, and a prompt found too long', () => {
    const text = describeFailovers(
      [{ type: 'failover', from: 'anthropic', kind: 'context-length', message: 'prompt is too long' }],
      'groq',
      nameOf,
      [{ type: 'slot-skipped', slot: 'openai', code: 'no-images', message: 'its model takes no images' }],
    );
    assert.equal(text, 'OpenAI skipped (takes no images) · Anthropic found the prompt too long · answered by Groq');
  });
});
