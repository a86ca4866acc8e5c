import * as assert from 'node:assert/strict';
import { parse } from 'smol-toml';
import { setKey, setSlotModel } from '../../../src/config';

const original = [
  '# my providers',
  '[agent]',
  'model = "m"   # pinned',
  '',
  '[providers.anthropic]',
  'prompt_caching = false',
  '',
  '# the free one',
  '[[providers.openai_compat]]',
  'id = "groq"',
  'model = "llama"  # fast',
  '',
  '# my own box',
  '[[providers.openai_compat]]',
  'id = "box"',
  'base_url = "http://127.0.0.1:8080/v1"',
  '',
  '[providers.ollama]',
  '',
].join('\n');

function text(result: ReturnType<typeof setKey>): string {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.text;
}

describe('setKey: one key changed, the rest of the text kept', () => {
  it('replaces an existing value, keeping its trailing comment and spacing', () => {
    assert.equal(
      text(setKey(original, ['agent', 'model'], 'other')),
      original.replace('model = "m"   # pinned', 'model = "other"   # pinned'),
    );
    assert.equal(
      text(setSlotModel(original, 'groq', 'llama-3.3-70b')),
      original.replace('model = "llama"  # fast', 'model = "llama-3.3-70b"  # fast'),
    );
  });

  it('inserts an absent key after the last line of its own table, not after the next header or its comment', () => {
    assert.equal(
      text(setSlotModel(original, 'box', 'qwen2.5-coder')),
      original.replace(
        'base_url = "http://127.0.0.1:8080/v1"\n',
        'base_url = "http://127.0.0.1:8080/v1"\nmodel = "qwen2.5-coder"\n',
      ),
    );
    assert.equal(
      text(setSlotModel(original, 'anthropic', 'claude-opus-4')),
      original.replace('prompt_caching = false\n', 'prompt_caching = false\nmodel = "claude-opus-4"\n'),
    );
    // An empty table at the end of the file, with and without a final newline.
    assert.equal(
      text(setSlotModel(original, 'ollama', 'llama3.2')),
      original.replace('[providers.ollama]\n', '[providers.ollama]\nmodel = "llama3.2"\n'),
    );
    assert.equal(
      text(setSlotModel('[providers.ollama]', 'ollama', 'llama3.2')),
      '[providers.ollama]\nmodel = "llama3.2"',
    );
  });

  it('selects the [[providers.openai_compat]] entry by id', () => {
    const updated = parse(text(setSlotModel(original, 'box', 'x'))) as {
      providers: { openai_compat: Array<{ id: string; model?: string }> };
    };
    assert.deepEqual(
      updated.providers.openai_compat.map((entry) => [entry.id, entry.model]),
      [
        ['groq', 'llama'],
        ['box', 'x'],
      ],
    );
    assert.equal(setSlotModel(original, 'nobody', 'x').ok, false);
    assert.equal(setSlotModel(original, 'openai', 'x').ok, false, 'no [providers.openai] table');
  });

  it('follows the indentation of the table and skips a multi-line value when inserting', () => {
    const indented =
      '[providers.openai]\n  base_url = "https://example.com/v1"\n  headers = """\n[not a header]\n"""\n\n[providers.ollama]\n';
    assert.equal(
      text(setKey(indented, ['providers', 'openai', 'model'], 'gpt')),
      indented.replace('"""\n\n', '"""\n  model = "gpt"\n\n'),
    );
  });

  it('keeps CRLF line endings', () => {
    const crlf = original.replace(/\n/g, '\r\n');
    assert.equal(text(setSlotModel(crlf, 'box', 'q')), crlf.replace('8080/v1"\r\n', '8080/v1"\r\nmodel = "q"\r\n'));
    assert.equal(text(setSlotModel(crlf, 'groq', 'q')), crlf.replace('model = "llama"  # fast', 'model = "q"  # fast'));
  });

  it('escapes a value that needs it, and a # inside the old string is not taken for its comment', () => {
    const written = text(setSlotModel(original, 'groq', 'a "quoted" \\ model #1'));
    assert.equal(
      (parse(written) as { providers: { openai_compat: Array<{ model: string }> } }).providers.openai_compat[0].model,
      'a "quoted" \\ model #1',
    );
    const again = text(setSlotModel(written, 'groq', 'plain'));
    assert.equal(again, original.replace('model = "llama"  # fast', 'model = "plain"  # fast'));
  });

  it('refuses inline tables, dotted-key tables, values spanning lines and broken text, as removeKey does', () => {
    const inline = 'providers = { ollama = { model = "a" } }\n';
    assert.match(
      setSlotModel(inline, 'ollama', 'b').ok
        ? ''
        : (setSlotModel(inline, 'ollama', 'b') as { message: string }).message,
      /inline table/,
    );
    const inlineAbsent = '[providers]\nollama = { base_url = "http://x" }\n';
    assert.equal(setSlotModel(inlineAbsent, 'ollama', 'b').ok, false);
    const dotted = '[providers]\nollama.base_url = "http://x"\n';
    assert.equal(setSlotModel(dotted, 'ollama', 'b').ok, false);
    const multiLine = '[providers.ollama]\nmodel = """\nllama"""\n';
    const refused = setSlotModel(multiLine, 'ollama', 'b');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.message, /spans several lines/);
    assert.equal(setSlotModel('[providers.ollama\n', 'ollama', 'b').ok, false);
  });

  it('a dotted key written in its table is replaced on its line', () => {
    const config = '[providers]\nollama.model = "a" # mine\nollama.base_url = "http://x"\n';
    assert.equal(text(setSlotModel(config, 'ollama', 'b')), config.replace('ollama.model = "a"', 'ollama.model = "b"'));
  });
});
