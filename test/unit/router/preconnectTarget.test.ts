import * as assert from 'node:assert/strict';
import type { SlotConfig } from '../../../src/config/types';
import { preconnectTarget } from '../../../src/router/preconnectTarget';
import type { RouterSlot } from '../../../src/router/types';
import { ScriptedClient, slotConfig } from '../../fakes/scriptedClient';

function slot(id: string, registryId: string | undefined, baseUrl: string, withClient = true): RouterSlot {
  const config = { ...slotConfig(id), baseUrl, ...(registryId ? { registryId } : {}) } as SlotConfig;
  return withClient ? { config, client: new ScriptedClient(id, []) } : { config };
}

const planOf = (order: RouterSlot[]) => ({ plan: () => ({ order }) });

describe('preconnectTarget', () => {
  it("is the first slot's own provider address", () => {
    assert.equal(
      preconnectTarget(
        planOf([
          slot('groq', 'groq', 'https://api.groq.com/openai/v1'),
          slot('b', 'deepseek', 'https://api.deepseek.com'),
        ]),
      ),
      'https://api.groq.com/openai/v1',
    );
  });

  it('is nothing when the first slot uses an address the file chose (a repository never gets a connection on open)', () => {
    assert.equal(preconnectTarget(planOf([slot('groq', 'groq', 'https://gateway.example.test/v1')])), undefined);
    assert.equal(preconnectTarget(planOf([slot('my-vllm', undefined, 'http://gpu-box:8000')])), undefined);
  });

  it('follows the router plan (a cooling first slot is not the one warmed) and is nothing without slots', () => {
    assert.equal(
      preconnectTarget(planOf([slot('deepseek', 'deepseek', 'https://api.deepseek.com')])),
      'https://api.deepseek.com',
    );
    assert.equal(preconnectTarget(planOf([])), undefined);
  });
});
