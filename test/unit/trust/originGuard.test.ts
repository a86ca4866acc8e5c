import * as assert from 'node:assert/strict';
import { MemoryCredentialStore, secretKeys } from '../../../src/auth/credentialStore';
import {
  OriginApprovals,
  exposureOf,
  guardClient,
  keyEntryBinding,
  type OriginPrompt,
} from '../../../src/trust/originGuard';
import type { SlotConfig } from '../../../src/config/types';
import { ProviderError } from '../../../src/util/errors';
import { ScriptedClient, answer, slotConfig } from '../../fakes/scriptedClient';

const prompt = { messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }] };

function groq(baseUrl: string, apiKey: SlotConfig extends never ? never : any = { type: 'store' }): SlotConfig {
  return { ...slotConfig('groq'), displayName: 'Groq', baseUrl, apiKey } as SlotConfig;
}

async function drain(client: ReturnType<typeof guardClient>) {
  const events = [];
  for await (const event of client.streamChat(prompt)) events.push(event);
  return events;
}

describe('origin-bound secrets', () => {
  it("needs no approval at the provider's own origin, or for keys the file holds itself", () => {
    assert.equal(exposureOf(groq('https://api.groq.com/openai/v1'), 'https://api.groq.com/openai/v1'), undefined);
    assert.equal(
      exposureOf(
        groq('https://api.groq.com/openai/v1', { type: 'env', name: 'GROQ_KEY' }),
        'https://api.groq.com/openai/v1',
      ),
      undefined,
    );
    assert.equal(
      exposureOf(groq('https://evil.example/v1', { type: 'literal', value: 'k' }), 'https://api.groq.com/openai/v1'),
      undefined,
    );
    assert.deepEqual(exposureOf(groq('https://evil.example/v1'), 'https://api.groq.com/openai/v1'), {
      secretId: secretKeys.apiKey('groq'),
      secretLabel: 'your Groq API key',
      origins: ['https://evil.example'],
    });
  });

  it('an environment variable the file names belongs to the user: a foreign origin needs approval like a stored key', () => {
    assert.deepEqual(
      exposureOf(
        groq('https://evil.example/v1', { type: 'env', name: 'AWS_SECRET_ACCESS_KEY' }),
        'https://api.groq.com/openai/v1',
      ),
      {
        secretId: 'env:AWS_SECRET_ACCESS_KEY',
        secretLabel: 'your environment variable AWS_SECRET_ACCESS_KEY',
        origins: ['https://evil.example'],
      },
    );
    const custom = {
      ...groq('http://gpu-box:8000/v1', { type: 'env', name: 'VLLM_KEY' }),
      id: 'my-vllm',
    } as SlotConfig;
    assert.deepEqual(
      exposureOf(custom, undefined)?.origins,
      ['http://gpu-box:8000'],
      'a custom endpoint has no own origin',
    );
    const fromEnvironment = {
      ...groq('https://proxy.example', { type: 'env', name: 'ANTHROPIC_API_KEY' }),
      source: { file: '$ANTHROPIC_API_KEY', line: 1, column: 1 },
    } as SlotConfig;
    assert.equal(
      exposureOf(fromEnvironment, 'https://api.anthropic.com'),
      undefined,
      'key and address both from the environment: the user chose both',
    );
  });

  it('binds a key typed for a custom endpoint to its address, but not a known provider redirected elsewhere', () => {
    const custom = { ...groq('http://gpu-box:8000/v1'), id: 'my-vllm', displayName: 'my-vllm' } as SlotConfig;
    assert.deepEqual(keyEntryBinding(custom, undefined), {
      secretId: secretKeys.apiKey('my-vllm'),
      secretLabel: 'your my-vllm API key',
      origins: ['http://gpu-box:8000'],
      confirmedByEntry: true,
    });
    const redirected = keyEntryBinding(groq('https://evil.example/v1'), 'https://api.groq.com/openai/v1');
    assert.equal(redirected?.confirmedByEntry, false, 'typing a Groq key must not approve a foreign origin');
    assert.deepEqual(redirected?.origins, ['https://evil.example']);
    assert.equal(keyEntryBinding(groq('https://api.groq.com/openai/v1'), 'https://api.groq.com/openai/v1'), undefined);
  });

  it('treats AWS and Google credentials the same: only their own hosts go without asking', () => {
    const bedrock = (baseUrl: string) =>
      ({
        id: 'bedrock',
        kind: 'bedrock',
        displayName: 'Bedrock',
        model: 'm',
        baseUrl,
        source: { file: 'f', line: 1, column: 1 },
      }) as SlotConfig;
    assert.equal(exposureOf(bedrock('https://bedrock-runtime.eu-west-1.amazonaws.com'), undefined), undefined);
    assert.deepEqual(exposureOf(bedrock('https://proxy.example:8443'), undefined)?.origins, [
      'https://proxy.example:8443',
    ]);
    assert.deepEqual(
      exposureOf(bedrock('http://bedrock-runtime.us-east-1.amazonaws.com'), undefined)?.origins,
      ['http://bedrock-runtime.us-east-1.amazonaws.com'],
      'plain http is not the provider',
    );
    const vertex = {
      id: 'vertex',
      kind: 'vertex',
      displayName: 'Vertex',
      model: 'm',
      location: 'us-central1',
      baseUrl: 'https://attacker.example',
      source: { file: 'f', line: 1, column: 1 },
    } as SlotConfig;
    assert.deepEqual(exposureOf(vertex, undefined)?.origins, ['https://attacker.example']);
  });

  it('sends nothing until the user approves, and remembers the answer per secret and origin', async () => {
    const store = new MemoryCredentialStore();
    const asked: OriginPrompt[] = [];
    let allow = false;
    const approvals = new OriginApprovals(store, async (question) => {
      asked.push(question);
      return allow;
    });
    const inner = new ScriptedClient('groq', answer('hi'));
    const exposure = exposureOf(groq('https://evil.example/v1'), 'https://api.groq.com/openai/v1')!;
    const client = guardClient(inner, exposure, approvals);

    await assert.rejects(
      drain(client),
      (error: unknown) =>
        error instanceof ProviderError &&
        error.kind === 'auth' &&
        error.code === 'origin-not-approved' &&
        /https:\/\/evil\.example/.test(error.message),
    );
    assert.equal(inner.calls, 0, 'the request never left');
    assert.equal(asked[0].origin, 'https://evil.example');
    assert.equal(asked[0].slotId, 'groq');

    allow = true;
    assert.equal((await drain(client)).length, 3);
    assert.equal(inner.calls, 1);
    const before = asked.length;
    await drain(client);
    assert.equal(asked.length, before, 'an approved origin is not asked again');
    assert.deepEqual(JSON.parse((await store.get(secretKeys.allowedOrigins(secretKeys.apiKey('groq'))))!), [
      'https://evil.example',
    ]);
  });

  it('asks once when many requests arrive together', async () => {
    let asked = 0;
    const approvals = new OriginApprovals(new MemoryCredentialStore(), async () => {
      asked++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return true;
    });
    const client = guardClient(
      new ScriptedClient('groq', answer('x')),
      exposureOf(groq('https://evil.example/v1'), 'https://api.groq.com')!,
      approvals,
    );
    await Promise.all(Array.from({ length: 10 }, () => drain(client)));
    assert.equal(asked, 1);
  });
});
