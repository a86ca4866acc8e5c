import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { parse } from 'smol-toml';
import { parseConfig, skynetJsonSchema } from '../../support/config';
import { TABLE_ORDER } from '../../../src/config/schemaTables';
import type { ConfigDiagnostic, ConfigResult, SkynetConfig } from '../../../src/config/types';

const env = { HOME: '/home/dev' };
const check = new Ajv({ allErrors: true }).compile(skynetJsonSchema());

function ok(result: ConfigResult): SkynetConfig {
  if (!result.ok) assert.fail(`expected a valid config, got ${JSON.stringify(result.errors)}`);
  // [providers.qwen_oauth] is read as before, with the one warning that the service has ended.
  assert.deepEqual(
    result.warnings.filter((warning) => !warning.message.startsWith('`qwen_oauth` (Qwen (sign-in)) no longer exists')),
    [],
  );
  return result.config;
}

function errorsOf(result: ConfigResult): ConfigDiagnostic[] {
  assert.equal(result.ok, false, 'expected errors');
  return (result as Extract<ConfigResult, { ok: false }>).errors;
}

/** One table of each kind, every slot without its own `reasoning` unless `own` names it. */
function everyTable(own: Partial<Record<string, string>> = {}): string {
  return TABLE_ORDER.map((table) => {
    const header =
      table === 'openai_compat'
        ? '[[providers.openai_compat]]\nid = "groq"'
        : table === 'azure'
          ? '[providers.azure]\nresource = "contoso"'
          : `[providers.${table}]`;
    return own[table] ? `${header}\nreasoning = ${own[table]}` : header;
  }).join('\n\n');
}

const slotReasoning = (config: SkynetConfig) =>
  Object.fromEntries(config.slots.map((slot) => [slot.id, slot.reasoning]));

describe('skynet.toml reasoning', () => {
  it("[agent] reasoning is every slot's default, in every provider table", () => {
    const config = ok(parseConfig(`[agent]\nreasoning = "high"\n\n${everyTable()}\n`, 'skynet.toml', env));
    assert.deepEqual(config.agentReasoning, { effort: 'high' });
    assert.equal(config.slots.length, TABLE_ORDER.length);
    for (const slot of config.slots) assert.deepEqual(slot.reasoning, { effort: 'high' }, slot.id);
  });

  it('each provider table\'s own reasoning overrides [agent]; "off" there means none, whatever [agent] says', () => {
    const own = {
      anthropic: '16000',
      openai: '"medium"',
      azure: '"high"',
      openai_compat: '"off"',
      copilot: '"low"',
      qwen_oauth: '"off"',
      bedrock: '2048',
      vertex: '"high"',
      ollama: '"low"',
    };
    const config = ok(parseConfig(`[agent]\nreasoning = "medium"\n\n${everyTable(own)}\n`, 'skynet.toml', env));
    assert.deepEqual(slotReasoning(config), {
      anthropic: { budgetTokens: 16000 },
      openai: { effort: 'medium' },
      azure: { effort: 'high' },
      groq: undefined,
      copilot: { effort: 'low' },
      qwen_oauth: undefined,
      bedrock: { budgetTokens: 2048 },
      vertex: { effort: 'high' },
      ollama: { effort: 'low' },
    });
    for (const slot of config.slots.filter((candidate) => !candidate.reasoning))
      assert.equal('reasoning' in slot, false, `${slot.id} has no reasoning key`);
  });

  it('[agent] reasoning = "off" (or none) leaves slots without a default unless they set one; each openai_compat entry is its own', () => {
    const config = ok(
      parseConfig(
        '[agent]\nreasoning = "off"\n\n[providers.anthropic]\nreasoning = "high"\n\n[[providers.openai_compat]]\nid = "groq"\n\n[[providers.openai_compat]]\nid = "deepseek"\nreasoning = 4096\n',
        'skynet.toml',
        env,
      ),
    );
    assert.equal(config.agentReasoning, undefined);
    assert.deepEqual(slotReasoning(config), {
      anthropic: { effort: 'high' },
      groq: undefined,
      deepseek: { budgetTokens: 4096 },
    });
    const plain = ok(parseConfig('[providers.openai]\n', 'skynet.toml', env));
    assert.equal('reasoning' in plain.slots[0], false);
    assert.equal('agentReasoning' in plain, false);
  });

  it("the environment's slots (no provider table) take [agent] reasoning too", () => {
    const config = ok(
      parseConfig('[agent]\nreasoning = 3000\n', 'skynet.toml', { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' }),
    );
    assert.equal(config.fromEnvironment, true);
    assert.deepEqual(slotReasoning(config), { anthropic: { budgetTokens: 3000 }, openai: { budgetTokens: 3000 } });
  });

  it('a wrong value is an error at its line and column that lists the allowed values', () => {
    const text = [
      '[agent]',
      'reasoning = "max"',
      '',
      '[providers.anthropic]',
      'reasoning = true',
      '',
      '[providers.openai]',
      '  reasoning = 0',
      '',
      '[[providers.openai_compat]]',
      'id = "groq"',
      'reasoning = "8000"',
      '',
      '[providers.ollama]',
      'reasoning = 1.5',
      '',
      '[providers.vertex]',
      'reasoning = "Hihg"',
      '',
      '[providers.bedrock]',
      'reasoning = -100',
    ].join('\n');
    const allowed = '"off", "low", "medium", "high" or a positive whole number of tokens (e.g. 8000)';
    assert.deepEqual(
      errorsOf(parseConfig(text, '/w/skynet.toml', env)).map(({ file, line, column, message, severity }) => ({
        file,
        line,
        column,
        message,
        severity,
      })),
      [
        {
          file: '/w/skynet.toml',
          line: 2,
          column: 1,
          severity: 'error',
          message: `\`agent.reasoning\` must be ${allowed}, got "max"`,
        },
        {
          file: '/w/skynet.toml',
          line: 5,
          column: 1,
          severity: 'error',
          message: `\`providers.anthropic.reasoning\` must be ${allowed}, not a boolean`,
        },
        {
          file: '/w/skynet.toml',
          line: 8,
          column: 3,
          severity: 'error',
          message: `\`providers.openai.reasoning\` must be ${allowed}, not 0`,
        },
        {
          file: '/w/skynet.toml',
          line: 12,
          column: 1,
          severity: 'error',
          message: `\`reasoning\` of the 1st [[providers.openai_compat]] entry must be ${allowed}, got "8000"; write a token budget as a number, without quotes`,
        },
        {
          file: '/w/skynet.toml',
          line: 21,
          column: 1,
          severity: 'error',
          message: `\`providers.bedrock.reasoning\` must be ${allowed}, not -100`,
        },
        {
          file: '/w/skynet.toml',
          line: 18,
          column: 1,
          severity: 'error',
          message: `\`providers.vertex.reasoning\` must be ${allowed}, got "Hihg"; did you mean \`high\`?`,
        },
        {
          file: '/w/skynet.toml',
          line: 15,
          column: 1,
          severity: 'error',
          message: `\`providers.ollama.reasoning\` must be ${allowed}, not a float`,
        },
      ],
    );
  });
});

describe('JSON Schema for reasoning (draft-07, as editors read it)', () => {
  const validate = (toml: string) => check(parse(toml));

  it('accepts what the parser accepts, in [agent] and every provider table', () => {
    for (const value of ['"off"', '"low"', '"medium"', '"high"', '1', '8000']) {
      const text = `[agent]\nreasoning = ${value}\n\n${everyTable(Object.fromEntries(TABLE_ORDER.map((table) => [table, value])))}\n`;
      assert.equal(parseConfig(text, 'skynet.toml', env).ok, true, value);
      assert.equal(validate(text), true, `${value}: ${JSON.stringify(check.errors)}`);
    }
  });

  it('rejects what the parser rejects', () => {
    for (const value of ['"max"', '"HIGH"', '"none"', '"8000"', '0', '-1', '1.5', 'true', '[1]']) {
      for (const text of [
        `[agent]\nreasoning = ${value}\n`,
        `[providers.anthropic]\nreasoning = ${value}\n`,
        `[[providers.openai_compat]]\nid = "groq"\nreasoning = ${value}\n`,
      ]) {
        assert.equal(parseConfig(text, 'skynet.toml', env).ok, false, text);
        assert.equal(validate(text), false, text);
      }
    }
  });
});
