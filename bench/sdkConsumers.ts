import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { GoogleGenAI } from '@google/genai';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import type { Consumer } from './consumers';
import type { Family } from './longStreams';
import { BENCH_KEY, MODEL, PROMPT } from './skynetClients';

/** Each SDK's lightest streaming path (raw events, no message accumulation), pointed at the same server. */
export function sdkConsumer(family: Family, baseUrl: string): { name: string; consume: Consumer } {
  switch (family) {
    case 'openai': {
      const sdk = new OpenAI({ apiKey: BENCH_KEY, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
      return {
        name: 'openai',
        async consume() {
          let chars = 0;
          const stream = await sdk.chat.completions.create({
            model: MODEL,
            stream: true,
            messages: [{ role: 'user', content: PROMPT }],
          });
          for await (const chunk of stream) chars += chunk.choices[0]?.delta?.content?.length ?? 0;
          return chars;
        },
      };
    }
    case 'anthropic': {
      const sdk = new Anthropic({ apiKey: BENCH_KEY, baseURL: baseUrl, maxRetries: 0 });
      return {
        name: '@anthropic-ai/sdk',
        async consume() {
          let chars = 0;
          const stream = await sdk.messages.create({
            model: MODEL,
            max_tokens: 1024,
            stream: true,
            messages: [{ role: 'user', content: PROMPT }],
          });
          for await (const event of stream) {
            if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
              chars += event.delta.text.length;
          }
          return chars;
        },
      };
    }
    case 'ollama': {
      const sdk = new Ollama({ host: baseUrl });
      return {
        name: 'ollama',
        async consume() {
          let chars = 0;
          for await (const part of await sdk.chat({
            model: MODEL,
            stream: true,
            messages: [{ role: 'user', content: PROMPT }],
          }))
            chars += part.message.content.length;
          return chars;
        },
      };
    }
    case 'bedrock': {
      // The SDK warns that its 2027 releases will need Node 22; the bench runs on the extension's Node 20.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
      const sdk = new BedrockRuntimeClient({
        region: 'us-east-1',
        endpoint: baseUrl,
        credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
        maxAttempts: 1,
        // ConverseStream defaults to HTTP/2; the fake server (like most proxies) speaks HTTP/1.1.
        requestHandler: new NodeHttpHandler({}),
      });
      return {
        name: '@aws-sdk/client-bedrock-runtime',
        async consume() {
          let chars = 0;
          const response = await sdk.send(
            new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: PROMPT }] }] }),
          );
          for await (const event of response.stream ?? []) chars += event.contentBlockDelta?.delta?.text?.length ?? 0;
          return chars;
        },
      };
    }
    case 'gemini': {
      const sdk = new GoogleGenAI({ apiKey: BENCH_KEY, httpOptions: { baseUrl } });
      return {
        name: '@google/genai',
        async consume() {
          let chars = 0;
          for await (const chunk of await sdk.models.generateContentStream({ model: MODEL, contents: PROMPT }))
            chars += chunk.text?.length ?? 0;
          return chars;
        },
      };
    }
  }
}
