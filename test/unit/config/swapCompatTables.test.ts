import * as assert from 'node:assert/strict';
import { swapCompatTables } from '../../../src/config/swapCompatTables';

const config = [
  '# my providers',
  '[providers.anthropic]',
  '',
  '[[providers.openai_compat]]',
  'id = "groq"',
  'model = "llama"',
  '',
  '# the fast one',
  '[[providers.openai_compat]]',
  'id = "cerebras"',
  '',
  '[providers.ollama]',
  'model = "llama3.2"',
  '',
].join('\n');

describe('swapCompatTables', () => {
  it('moves a table down past its neighbour, keeping comments with the table below and other tables in place', () => {
    assert.equal(
      swapCompatTables(config, 0, 1),
      [
        '# my providers',
        '[providers.anthropic]',
        '',
        '[[providers.openai_compat]]',
        'id = "cerebras"',
        '',
        '# the fast one',
        '[[providers.openai_compat]]',
        'id = "groq"',
        'model = "llama"',
        '',
        '[providers.ollama]',
        'model = "llama3.2"',
        '',
      ].join('\n'),
    );
  });

  it('moving up is the same swap, and swapping twice gives the text back', () => {
    const down = swapCompatTables(config, 0, 1)!;
    assert.equal(swapCompatTables(config, 1, -1), down);
    assert.equal(swapCompatTables(down, 1, -1), config);
  });

  it('has no neighbour past either end', () => {
    assert.equal(swapCompatTables(config, 0, -1), undefined);
    assert.equal(swapCompatTables(config, 1, 1), undefined);
  });

  it('keeps CRLF line endings', () => {
    const crlf = config.replace(/\n/g, '\r\n');
    assert.equal(swapCompatTables(crlf, 0, 1), swapCompatTables(config, 0, 1)!.replace(/\n/g, '\r\n'));
  });
});
