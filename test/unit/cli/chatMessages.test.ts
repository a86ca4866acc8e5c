import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTrustedCli } from '../../fakes/cliRunner';
import { startFakeServer, type FakeServer } from '../../fakes/fakeServer';
import {
  deepseekNeedsReasoningContent,
  mistralToolCallRules,
  perplexityRefusesTools,
  strictChat,
  textTurn,
  toolCallTurn,
} from '../../fakes/strictServices';

const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'read_file',
      description: 'Read a file',
      parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    },
  },
];
const ASK = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'What is in a.ts?' },
];

describe('skynet chat --messages/--tools: a whole tool loop from the CLI', () => {
  let server: FakeServer;
  let dir: string;
  const file = (name: string, value: unknown) => {
    fs.writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
    return name;
  };
  // The user's own reviewed file (`skynet trust`): these tests are about the request, not about trust.
  const run = (argv: string[]) => runTrustedCli(argv, { cwd: dir, env: {} });
  const jsonLines = (stdout: string) =>
    stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
  const config = (id: string, model: string, extra = '') =>
    fs.writeFileSync(
      path.join(dir, 'skynet.toml'),
      `${extra}[[providers.openai_compat]]\nid = "${id}"\nbase_url = "${server.url}/v1"\napi_key = "k-test-123456"\nmodel = "${model}"\n`,
    );

  /** Turn 1 (ask), then turn 2 with the assistant's tool call (as --json printed it) and the tool's result. */
  async function toolLoop(): Promise<{ first: any[]; second: any[] }> {
    const tools = file('tools.json', TOOLS);
    const turn1 = await run(['chat', '--json', '--tools', tools, '--messages', file('turn1.json', ASK)]);
    assert.equal(turn1.code, 0, turn1.stderr);
    const first = jsonLines(turn1.stdout);
    const call = first.find((line) => line.type === 'tool-call');
    const reasoning = first
      .filter((line) => line.type === 'reasoning-delta')
      .map((line) => line.text)
      .join('');
    const conversation = [
      ...ASK,
      {
        role: 'assistant',
        content: null,
        ...(reasoning ? { reasoning_content: reasoning } : {}),
        tool_calls: [
          { id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } },
        ],
      },
      { role: 'tool', tool_call_id: call.id, content: 'export const a = 1;' },
    ];
    const turn2 = await run(['chat', '--json', '--tools', tools, '--messages', file('turn2.json', conversation)]);
    assert.equal(turn2.code, 0, turn2.stderr);
    return { first, second: jsonLines(turn2.stdout) };
  }

  beforeEach(async () => {
    server = await startFakeServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-messages-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('DeepSeek-style: the second turn sends reasoning_content back with the tool call (the fake answers 400 without it)', async () => {
    config('deepseek', 'deepseek-reasoner');
    server.route(
      'POST',
      '/v1/chat/completions',
      strictChat(
        [deepseekNeedsReasoningContent],
        [
          toolCallTurn({
            id: 'call_00_x1',
            name: 'read_file',
            arguments: { path: 'a.ts' },
            reasoning: 'I should read the file.',
          }),
          textTurn('a.ts exports a = 1.'),
        ],
      ),
    );
    const { first, second } = await toolLoop();
    assert.deepEqual(
      first.find((line) => line.type === 'tool-call'),
      { type: 'tool-call', id: 'call_00_x1', name: 'read_file', arguments: { path: 'a.ts' } },
    );
    assert.equal(
      second
        .filter((line) => line.type === 'text-delta')
        .map((line) => line.text)
        .join(''),
      'a.ts exports a = 1.',
    );
    const sent = server.requests[1].json;
    assert.deepEqual(
      sent.messages.map((message: any) => message.role),
      ['system', 'user', 'assistant', 'tool'],
    );
    assert.equal(sent.messages[2].reasoning_content, 'I should read the file.');
    assert.equal(sent.messages[3].tool_call_id, 'call_00_x1');
    assert.equal(sent.tools[0].function.name, 'read_file');
  });

  it('Mistral-style: ids are 9 alphanumerics on the wire, call and result alike, even when the file carries call_1', async () => {
    config('mistral', 'mistral-large-latest');
    server.route(
      'POST',
      '/v1/chat/completions',
      strictChat(
        [mistralToolCallRules],
        [toolCallTurn({ id: 'D681PevKs', name: 'read_file', arguments: { path: 'a.ts' } }), textTurn('Done.')],
      ),
    );
    const { second } = await toolLoop();
    assert.equal(second.find((line) => line.type === 'finish').reason, 'stop');
    assert.equal(server.requests[1].json.messages[2].tool_calls[0].id, 'D681PevKs', 'an id that fits is kept');
    // A conversation written elsewhere, with ids Mistral refuses.
    const replay = [
      ...ASK,
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'x' },
    ];
    const result = await run([
      'chat',
      '--json',
      '--tools',
      file('tools.json', TOOLS),
      '--messages',
      file('replay.json', replay),
    ]);
    assert.equal(result.code, 0, result.stderr);
    const sent = server.requests[2].json.messages;
    assert.match(sent[2].tool_calls[0].id, /^[A-Za-z0-9]{9}$/);
    assert.equal(sent[3].tool_call_id, sent[2].tool_calls[0].id);
  });

  it('a slot that cannot take tools is skipped, and --json says so', async () => {
    fs.writeFileSync(
      path.join(dir, 'skynet.toml'),
      `[[providers.openai_compat]]\nid = "perplexity"\nbase_url = "${server.url}/pplx"\napi_key = "pplx-123456"\n\n[[providers.openai_compat]]\nid = "deepseek"\nbase_url = "${server.url}/v1"\napi_key = "k-123456"\nmodel = "deepseek-chat"\n`,
    );
    server.route('POST', '/pplx/chat/completions', strictChat([perplexityRefusesTools], [textTurn('never')]));
    server.route('POST', '/v1/chat/completions', strictChat([], [textTurn('ok')]));
    const result = await run(['chat', '--json', '--tools', file('tools.json', TOOLS), 'hi']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(jsonLines(result.stdout)[0], {
      type: 'slot-skipped',
      slot: 'perplexity',
      code: 'no-tools',
      message: 'its service takes no tools, and this request carries tools',
    });
    assert.deepEqual(
      server.requests.map((request) => request.url),
      ['/v1/chat/completions'],
    );
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{"messages": [', /^skynet: bad\.json: not JSON: /],
    [
      'an unknown role',
      [{ role: 'robot', content: 'x' }],
      /^skynet: bad\.json: messages\[0\]\.role: expected system, user, assistant or tool, got "robot"/,
    ],
    [
      'arguments that are not JSON',
      [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
        },
      ],
      /messages\[0\]\.tool_calls\[0\]\.function\.arguments: not a JSON string/,
    ],
    [
      'a tool result for no call',
      [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'nope', content: 'r' },
      ],
      /messages\[1\]\.tool_call_id: "nope" answers no tool call of an earlier assistant message/,
    ],
    [
      'an image by address',
      [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
      /messages\[0\]\.content\[0\]\.image_url\.url: expected a data:/,
    ],
  ];
  for (const [what, content, message] of invalid) {
    it(`--messages with ${what} exits 2 naming the file, the index and the cause, before any request`, async () => {
      config('deepseek', 'deepseek-chat');
      const result = await run(['chat', '--messages', file('bad.json', content)]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.equal(server.requests.length, 0);
    });
  }

  it('--tools is checked too: a tool without a valid name, a missing file', async () => {
    config('deepseek', 'deepseek-chat');
    const badTool = await run([
      'chat',
      '--tools',
      file('t.json', [{ type: 'function', function: { name: 'has space' } }]),
      'hi',
    ]);
    assert.equal(badTool.code, 2);
    assert.match(
      badTool.stderr,
      /^skynet: t\.json: tools\[0\]\.function\.name: expected 1 to 64 of a-z, A-Z, 0-9, _ and -/,
    );
    const missing = await run(['chat', '--messages', 'nowhere.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^skynet: nowhere\.json: cannot read it \(ENOENT\)/);
  });
});
