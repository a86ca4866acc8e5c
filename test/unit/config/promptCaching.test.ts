import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { parse } from 'smol-toml';
import { parseConfig, skynetJsonSchema } from '../../support/config';
import type { ConfigResult, SkynetConfig } from '../../../src/config/types';

const env = { HOME: '/home/dev' };

function ok(result: ConfigResult): SkynetConfig {
  if (!result.ok) assert.fail(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  return result.config;
}

const CLAUDE_KINDS = ['anthropic', 'bedrock', 'vertex'];
const promptCachingOf = (config: SkynetConfig) =>
  Object.fromEntries(
    config.slots.map((slot) => [
      slot.id,
      CLAUDE_KINDS.includes(slot.kind) ? (slot as { promptCaching?: boolean }).promptCaching : 'n/a',
    ]),
  );

describe('skynet.toml prompt_caching', () => {
  const file =
    '[providers.anthropic]\nprompt_caching = false\n\n[providers.bedrock]\nprompt_caching = true\n\n[providers.vertex]\nprompt_caching = false\n\n[providers.ollama]\n';

  it('reaches the Anthropic, Bedrock and Vertex slots; absent means on (undefined)', () => {
    const config = ok(parseConfig(file, 'skynet.toml', env));
    assert.deepEqual(promptCachingOf(config), { anthropic: false, bedrock: true, vertex: false, ollama: 'n/a' });
    const defaults = ok(
      parseConfig('[providers.anthropic]\n[providers.bedrock]\n[providers.vertex]\n', 'skynet.toml', env),
    );
    assert.deepEqual(promptCachingOf(defaults), { anthropic: undefined, bedrock: undefined, vertex: undefined });
  });

  it('a quoted "false" is a placed error that says to drop the quotes', () => {
    const result = parseConfig('[providers.anthropic]\nprompt_caching = "false"\n', 'skynet.toml', env);
    assert.equal(result.ok, false);
    const [error] = (result as Extract<ConfigResult, { ok: false }>).errors;
    assert.equal(error.line, 2);
    assert.match(
      error.message,
      /`providers\.anthropic\.prompt_caching` must be true or false, not a string; write false without quotes/,
    );
  });

  it('is not a key of providers that do not serve Claude (a warning, as every unknown key)', () => {
    const result = parseConfig('[providers.openai]\nprompt_caching = false\n', 'skynet.toml', env);
    assert.ok(result.ok);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0].message, /prompt_caching/);
  });

  it('the JSON Schema accepts the booleans and refuses a string', () => {
    const check = new Ajv({ allErrors: true }).compile(skynetJsonSchema());
    assert.equal(check(parse(file)), true, JSON.stringify(check.errors));
    assert.equal(check(parse('[providers.bedrock]\nprompt_caching = "no"\n')), false);
  });
});
