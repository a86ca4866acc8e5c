import * as assert from 'node:assert/strict';
import { TomlLocator } from '../../../src/config/locate';

describe('TomlLocator', () => {
  const text = [
    '# header comment', //                       1
    '  [ providers . openai ]  # main', //       2
    '"base_url" = "https://x"', //               3
    "  'model' = 'm'", //                         4
    'notes = """', //                             5
    '[providers.fake]', //                        6
    'id = "inside a string"', //                  7
    '"""', //                                     8
    '[[providers.openai_compat]]', //             9
    'id = "groq"', //                             10
    '[[providers.openai_compat]]', //             11
    '\tid = "xai"', //                            12
    'extra.deep = 1', //                          13
    '[providers.openai_compat.headers]', //       14
    'x = "y"', //                                 15
  ].join('\r\n');
  const locator = new TomlLocator(text);

  it('finds headers and keys with spaces, quotes, comments and CRLF', () => {
    assert.deepEqual(locator.find(['providers', 'openai']), { line: 2, column: 3 });
    assert.deepEqual(locator.find(['providers', 'openai', 'base_url']), { line: 3, column: 1 });
    assert.deepEqual(locator.find(['providers', 'openai', 'model']), { line: 4, column: 3 });
  });

  it('skips what is inside a multi-line string', () => {
    assert.equal(locator.has(['providers', 'fake']), false);
    assert.deepEqual(locator.find(['providers', 'openai', 'notes']), { line: 5, column: 1 });
  });

  it('numbers array-of-tables entries and puts sub-tables and dotted keys in the last one', () => {
    assert.deepEqual(locator.find(['providers', 'openai_compat', 0, 'id']), { line: 10, column: 1 });
    assert.deepEqual(locator.find(['providers', 'openai_compat', 1]), { line: 11, column: 1 });
    assert.deepEqual(locator.find(['providers', 'openai_compat', 1, 'id']), { line: 12, column: 2 });
    assert.deepEqual(locator.find(['providers', 'openai_compat', 1, 'extra', 'deep']), { line: 13, column: 1 });
    assert.deepEqual(locator.find(['providers', 'openai_compat', 1, 'headers', 'x']), { line: 15, column: 1 });
  });

  it('falls back to the nearest written ancestor, then to the start of the file', () => {
    assert.deepEqual(locator.find(['providers', 'openai_compat', 0, 'model']), { line: 9, column: 1 });
    assert.deepEqual(locator.find(['router', 'idle_timeout_ms']), { line: 1, column: 1 });
  });
});
