import * as assert from 'node:assert/strict';
import { collectChat } from '../../../../src/providers/collect';
import { bedrockEndpoint } from '../../../../src/providers/bedrock/bedrockUrl';
import { createBedrockClient } from '../../../../src/providers/bedrock/client';
import { bedrockControlPlane } from '../../../../src/providers/bedrock/listBedrockModels';
import { replyError } from '../../../fakes/wire';
import type { ChatEvent, ChatRequest } from '../../../../src/providers/types';
import { describeRecorded, listFixtures, readChunks } from '../../../fakes/fixtures';
import { bedrockConverseBody, bedrockEventLines } from '../../../support/wire/bedrockConverse';
import { REASONING_ANSWER, REASONING_TOOL_CALL, TEXT_ANSWER, TOOL_CALL_ANSWER } from '../../../support/wire/samples';
import { providerDeps } from '../../../fakes/providerHarness';
import { encodeBedrockEvents } from './bedrockFrames';
import {
  TEST_CREDENTIALS,
  TEST_MODEL,
  bedrockSlot,
  replayFrames,
  replyInvalidSignature,
  signatureProblem,
  streamPath,
  useBedrockServer,
} from './bedrockWire';

const REQUEST: ChatRequest = {
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather in SF?' },
        { type: 'image', mimeType: 'image/jpeg', data: 'AAAA' },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'think', signature: 'sig' },
        { type: 'tool-call', id: 't1', name: 'get-weather', arguments: { location: 'SF' } },
      ],
    },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', toolName: 'get-weather', content: '18C' }] },
    { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't2', content: 'boom', isError: true }] },
  ],
  tools: [
    {
      name: 'get-weather',
      description: 'Weather',
      inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
    },
  ],
  toolChoice: { name: 'get-weather' },
  temperature: 0.2,
  topP: 0.9,
  maxTokens: 100,
  stop: ['END'],
};

/** What a recording adds up to, folded independently of the client. */
function foldRecording(lines: string[]): {
  text: string;
  reasoning: string;
  tools: Array<{ id: string; name: string; arguments: unknown }>;
  usage: Record<string, number>;
  stop: string;
} {
  const folded = {
    text: '',
    reasoning: '',
    tools: [] as Array<{ id: string; name: string; arguments: unknown }>,
    usage: {} as Record<string, number>,
    stop: '',
  };
  const inputs = new Map<number, { id: string; name: string; input: string }>();
  for (const line of lines) {
    const event = JSON.parse(line);
    if (event.contentBlockStart?.start?.toolUse)
      inputs.set(event.contentBlockStart.contentBlockIndex, {
        id: event.contentBlockStart.start.toolUse.toolUseId,
        name: event.contentBlockStart.start.toolUse.name,
        input: '',
      });
    const delta = event.contentBlockDelta?.delta;
    if (delta?.text) folded.text += delta.text;
    if (delta?.reasoningContent?.text) folded.reasoning += delta.reasoningContent.text;
    if (delta?.toolUse) inputs.get(event.contentBlockDelta.contentBlockIndex)!.input += delta.toolUse.input;
    if (event.messageStop) folded.stop = event.messageStop.stopReason;
    if (event.metadata?.usage) {
      const { inputTokens, outputTokens, totalTokens } = event.metadata.usage;
      folded.usage = { inputTokens, outputTokens, totalTokens };
    }
  }
  for (const tool of inputs.values())
    folded.tools.push({ id: tool.id, name: tool.name, arguments: JSON.parse(tool.input) });
  return folded;
}

describe('Bedrock client against a fake ConverseStream server', function () {
  const ctx = useBedrockServer();

  /** Serves decoded event lines as frames, after checking the signature with @smithy/signature-v4. */
  function serveRecording(
    lines: string[],
    credentials: Parameters<typeof signatureProblem>[2] = TEST_CREDENTIALS,
  ): void {
    ctx.server.route('POST', streamPath(), async (request, response) => {
      const problem = await signatureProblem(ctx.server, request, credentials);
      if (problem) return replyInvalidSignature(response, problem);
      await replayFrames(response, encodeBedrockEvents(lines));
    });
  }

  const foldsLikeTheStream = (lines: () => string[]) => async () => {
    serveRecording(lines());
    const client = createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
    const events: ChatEvent[] = [];
    for await (const event of client.streamChat({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    }))
      events.push(event);
    assert.equal(ctx.server.requests.length, 1);
    const folded = foldRecording(lines());
    const result = await collectChat(
      (async function* () {
        yield* events;
      })(),
    );
    assert.equal(result.text, folded.text);
    assert.equal(result.reasoning, folded.reasoning);
    assert.deepEqual(result.toolCalls, folded.tools);
    assert.deepEqual(result.usage, folded.usage);
    assert.equal(result.rawFinishReason, folded.stop);
    assert.deepEqual(events[events.length - 1].type, 'finish');
    assert.equal(events.filter((event) => event.type === 'finish').length, 1);
  };

  for (const [name, sample] of Object.entries({
    TEXT_ANSWER,
    REASONING_ANSWER,
    TOOL_CALL_ANSWER,
    REASONING_TOOL_CALL,
  })) {
    it(
      `${name}: signed request, exact events from the frames`,
      foldsLikeTheStream(() => bedrockEventLines(sample)),
    );
  }

  describeRecorded('Bedrock recordings', () => {
    for (const file of listFixtures('bedrock')) {
      it(
        `${file}: signed request, exact events from the replayed frames`,
        foldsLikeTheStream(() => readChunks(file)),
      );
    }
  });

  it('a streamed tool call is emitted whole, then usage, then finish tool-calls', async () => {
    serveRecording(bedrockEventLines(TOOL_CALL_ANSWER.slice(-3)).filter((line) => !line.includes('messageStart')));
    const client = createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
    const events: ChatEvent[] = [];
    for await (const event of client.streamChat({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    }))
      events.push(event);
    assert.deepEqual(events, [
      {
        type: 'tool-call',
        id: 'call_skynet_weather_1',
        name: 'weather',
        arguments: { location: 'San Francisco', unit: 'celsius' },
      },
      { type: 'usage', inputTokens: 124, outputTokens: 22, totalTokens: 146 },
      { type: 'finish', reason: 'tool-calls', rawReason: 'tool_use' },
    ]);
  });

  it('reasoning: the signature arrives on a reasoning delta', async () => {
    serveRecording(bedrockEventLines(REASONING_ANSWER));
    const client = createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
    const result = await collectChat(
      client.streamChat({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }),
    );
    const signature = bedrockEventLines(REASONING_ANSWER)
      .map((line) => JSON.parse(line).contentBlockDelta?.delta?.reasoningContent?.signature)
      .find(Boolean);
    assert.ok(signature);
    assert.equal(result.reasoningSignature, signature);
    assert.equal(result.finishReason, 'stop');
  });

  it('sends the Converse body, headers and a valid signature with a session token', async () => {
    const withToken = { ...TEST_CREDENTIALS, sessionToken: 'IQoJb3JpZ2luX2VjEFAKE' };
    serveRecording(bedrockEventLines(TEXT_ANSWER), withToken);
    ctx.deps = providerDeps(ctx.http, {
      env: {
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        AWS_SESSION_TOKEN: withToken.sessionToken,
      },
    });
    const client = createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
    await collectChat(client.streamChat(REQUEST));
    const [request] = ctx.server.requests;
    assert.equal(await signatureProblem(ctx.server, request, withToken), undefined);
    assert.equal(request.url, '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers.accept, 'application/vnd.amazon.eventstream');
    assert.match(
      String(request.headers.authorization),
      /^AWS4-HMAC-SHA256 Credential=AKIDFAKEBEDROCK00001\/\d{8}\/us-west-2\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    assert.deepEqual(request.json, {
      system: [{ text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [{ text: 'Weather in SF?' }, { image: { format: 'jpeg', source: { bytes: 'AAAA' } } }],
        },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'think', signature: 'sig' } } },
            { toolUse: { toolUseId: 't1', name: 'get-weather', input: { location: 'SF' } } },
          ],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 't1', content: [{ text: '18C' }], status: 'success' } },
            { toolResult: { toolUseId: 't2', content: [{ text: 'boom' }], status: 'error' } },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get-weather',
              description: 'Weather',
              inputSchema: { json: { type: 'object', properties: { location: { type: 'string' } } } },
            },
          },
        ],
        toolChoice: { tool: { name: 'get-weather' } },
      },
    });
  });

  it('a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) is sent as a bearer token, unsigned', async () => {
    ctx.server.route('POST', streamPath('amazon.nova-pro-v1:0'), (_request, response) =>
      replayFrames(response, encodeBedrockEvents(bedrockEventLines(TEXT_ANSWER))),
    );
    ctx.deps = providerDeps(ctx.http, {
      env: { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-ABSKfake', AWS_REGION: 'eu-central-1' },
    });
    const client = createBedrockClient(bedrockSlot(ctx.server.url, { region: undefined }), ctx.deps);
    const result = await collectChat(
      client.streamChat({
        model: 'amazon.nova-pro-v1:0',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      }),
    );
    assert.equal(result.finishReason, 'stop');
    assert.equal(ctx.server.requests[0].headers.authorization, 'Bearer bedrock-api-key-ABSKfake');
    assert.equal(ctx.server.requests[0].headers['x-amz-date'], undefined);
  });

  it('send() posts to /converse and reads the Converse response', async () => {
    const body = bedrockConverseBody(TEXT_ANSWER);
    ctx.server.route('POST', `/model/${encodeURIComponent(TEST_MODEL)}/converse`, async (request, response) => {
      const problem = await signatureProblem(ctx.server, request);
      if (problem) return replyInvalidSignature(response, problem);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const client = createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps);
    const result = await client.send({ messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    const recorded = JSON.parse(body);
    assert.equal(ctx.server.requests[0].headers.accept, 'application/json');
    assert.equal(
      result.text,
      recorded.output.message.content.map((block: { text?: string }) => block.text ?? '').join(''),
    );
    assert.equal(result.rawFinishReason, recorded.stopReason);
    assert.equal(result.usage.inputTokens, recorded.usage.inputTokens);
    assert.equal(result.usage.outputTokens, recorded.usage.outputTokens);
  });

  it('the endpoint: base_url as given, a {region} template filled, else the regional host', () => {
    assert.equal(
      bedrockEndpoint({ baseUrl: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/' }, 'us-east-1'),
      'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com',
    );
    assert.equal(
      bedrockEndpoint({ baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com' }, 'eu-west-3'),
      'https://bedrock-runtime.eu-west-3.amazonaws.com',
    );
    assert.equal(bedrockEndpoint({ baseUrl: '' }, 'ap-south-1'), 'https://bedrock-runtime.ap-south-1.amazonaws.com');
  });

  it('listModels: the configured model first, then the streaming on-demand text models of a signed ListFoundationModels', async () => {
    ctx.server.route('GET', '/foundation-models', async (request, response) => {
      const problem = await signatureProblem(ctx.server, request);
      if (problem) return replyInvalidSignature(response, problem);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          modelSummaries: [
            {
              modelId: 'amazon.nova-pro-v1:0',
              modelName: 'Nova Pro',
              providerName: 'Amazon',
              inputModalities: ['TEXT', 'IMAGE'],
              outputModalities: ['TEXT'],
              responseStreamingSupported: true,
              inferenceTypesSupported: ['ON_DEMAND'],
              modelLifecycle: { status: 'ACTIVE' },
            },
            {
              modelId: TEST_MODEL,
              modelName: 'Claude 3.5 Sonnet',
              providerName: 'Anthropic',
              responseStreamingSupported: true,
              inferenceTypesSupported: ['ON_DEMAND'],
            },
            {
              modelId: 'cohere.embed-english-v3',
              modelName: 'Embed',
              responseStreamingSupported: false,
              inferenceTypesSupported: ['ON_DEMAND'],
            },
            {
              modelId: 'meta.llama3-70b-instruct-v1:0',
              modelName: 'Llama 3 70B',
              providerName: 'Meta',
              inputModalities: ['TEXT'],
              responseStreamingSupported: true,
              inferenceTypesSupported: ['PROVISIONED'],
            },
            {
              modelId: 'anthropic.claude-v2',
              modelName: 'Claude 2',
              responseStreamingSupported: true,
              inferenceTypesSupported: ['ON_DEMAND'],
              modelLifecycle: { status: 'LEGACY' },
            },
          ],
        }),
      );
    });
    const models = await createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps).listModels();
    assert.deepEqual(models, [
      { id: TEST_MODEL },
      { id: 'amazon.nova-pro-v1:0', name: 'Amazon Nova Pro', capabilities: { vision: true } },
    ]);
    assert.equal(ctx.server.requests[0].url, '/foundation-models?byOutputModality=TEXT');
  });

  it('listModels: current Claude appears by its inference-profile id from a signed ListInferenceProfiles (GET /inference-profiles?maxResults=1000&type=SYSTEM_DEFINED)', async () => {
    // Current Claude models list only PROVISIONED/INFERENCE_PROFILE in ListFoundationModels; they answer through a profile (AWS API reference, checked 2026-12-05).
    const claude = 'anthropic.claude-sonnet-5-5';
    ctx.server.route('GET', '/foundation-models', async (request, response) => {
      const problem = await signatureProblem(ctx.server, request);
      if (problem) return replyInvalidSignature(response, problem);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          modelSummaries: [
            {
              modelId: claude,
              modelName: 'Claude Sonnet 5.5',
              providerName: 'Anthropic',
              inputModalities: ['TEXT', 'IMAGE'],
              responseStreamingSupported: true,
              inferenceTypesSupported: ['INFERENCE_PROFILE'],
            },
          ],
        }),
      );
    });
    ctx.server.route('GET', '/inference-profiles', async (request, response) => {
      const problem = await signatureProblem(ctx.server, request);
      if (problem) return replyInvalidSignature(response, problem);
      const query = new URL(request.url, 'http://x').searchParams;
      if (query.get('type') !== 'SYSTEM_DEFINED' || query.get('maxResults') !== '1000')
        return replyError(
          response,
          400,
          { message: 'unexpected query' },
          { 'x-amzn-errortype': 'ValidationException' },
        );
      const arn = (region: string) => ({ modelArn: `arn:aws:bedrock:${region}::foundation-model/${claude}` });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          inferenceProfileSummaries: [
            {
              inferenceProfileId: `global.${claude}`,
              inferenceProfileName: 'Global Claude Sonnet 5.5',
              status: 'ACTIVE',
              type: 'SYSTEM_DEFINED',
              models: [arn('us-east-1')],
            },
            {
              inferenceProfileId: `us.${claude}`,
              inferenceProfileName: 'US Claude Sonnet 5.5',
              status: 'ACTIVE',
              type: 'SYSTEM_DEFINED',
              models: [arn('us-east-1'), arn('us-west-2')],
            },
            {
              inferenceProfileId: 'us.twelvelabs.marengo-embed-v1:0',
              status: 'ACTIVE',
              models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/twelvelabs.marengo-embed-v1:0' }],
            },
          ],
        }),
      );
    });
    const models = await createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps).listModels();
    assert.deepEqual(models, [
      { id: TEST_MODEL },
      { id: `global.${claude}`, name: 'Global Claude Sonnet 5.5', capabilities: { vision: true } },
      { id: `us.${claude}`, name: 'US Claude Sonnet 5.5', capabilities: { vision: true } },
    ]);
    assert.deepEqual(
      ctx.server.requests.map((request) => request.url),
      ['/foundation-models?byOutputModality=TEXT', '/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED'],
    );
  });

  it('listModels: a role that may not list models (403 AccessDenied) still offers the configured model', async () => {
    ctx.server.route('GET', '/foundation-models', (_request, response) =>
      replyError(
        response,
        403,
        { message: 'not authorized to perform: bedrock:ListFoundationModels' },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      ),
    );
    assert.deepEqual(await createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps).listModels(), [
      { id: TEST_MODEL },
    ]);
  });

  it('listModels with a Bedrock API key offers the configured model without a request', async () => {
    ctx.deps = providerDeps(ctx.http, {
      env: { AWS_BEARER_TOKEN_BEDROCK: 'ABSK-fake-key-0000', AWS_REGION: 'us-east-1' },
    });
    assert.deepEqual(await createBedrockClient(bedrockSlot(ctx.server.url), ctx.deps).listModels(), [
      { id: TEST_MODEL },
    ]);
    assert.equal(ctx.server.requests.length, 0);
  });

  it('the control plane of a bedrock-runtime base is its bedrock. sibling', () => {
    assert.equal(bedrockControlPlane({ baseUrl: '' }, 'us-east-1'), 'https://bedrock.us-east-1.amazonaws.com');
    assert.equal(
      bedrockControlPlane({ baseUrl: 'https://bedrock-runtime.{region}.amazonaws.com' }, 'eu-west-1'),
      'https://bedrock.eu-west-1.amazonaws.com',
    );
    assert.equal(
      bedrockControlPlane({ baseUrl: 'http://127.0.0.1:9/proxy/' }, 'eu-west-1'),
      'http://127.0.0.1:9/proxy',
    );
  });
});
