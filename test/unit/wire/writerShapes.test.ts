import * as assert from 'node:assert/strict';
import { describeRecorded, listFixtures, readChunks } from '../../fakes/fixtures';
import { anthropicPayloads } from '../../support/wire/anthropicMessages';
import { bedrockEventLines } from '../../support/wire/bedrockConverse';
import type { WireEvent } from '../../support/wire/events';
import { geminiPayloads } from '../../support/wire/gemini';
import { openaiChatPayloads } from '../../support/wire/openaiChat';
import { responsesPayloads } from '../../support/wire/openaiResponses';
import {
  NO_ARGS_TOOL_CALL,
  REASONING_ANSWER,
  REASONING_TOOL_CALL,
  TEXT_ANSWER,
  TOOL_CALL_ANSWER,
} from '../../support/wire/samples';

const SAMPLES: WireEvent[][] = [
  TEXT_ANSWER,
  REASONING_ANSWER,
  TOOL_CALL_ANSWER,
  REASONING_TOOL_CALL,
  NO_ARGS_TOOL_CALL,
];

/** Every key path of a JSON value, arrays collapsed to `[]`, with the `type` discriminator where there is one. */
function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${prefix}[]`, out);
  else if (value && typeof value === 'object') {
    const type = (value as { type?: unknown }).type;
    const scope = typeof type === 'string' ? `${prefix}<${type}>` : prefix;
    for (const [key, item] of Object.entries(value)) {
      out.add(`${scope}.${key}`);
      // Tool arguments are the sample's data, not the wire's shape.
      if (key !== 'args' && key !== 'input') keyPaths(item, `${scope}.${key}`, out);
    }
  }
  return out;
}

function pathsOf(payloads: string[]): Set<string> {
  const out = new Set<string>();
  for (const payload of payloads) keyPaths(JSON.parse(payload), '', out);
  return out;
}

/**
 * The writers only say what real services say: every key path a writer emits (for every sample) occurs in the
 * family's recordings, except paths containing a `documented` part, which the family's docs name and no recording
 * here shows.
 */
describeRecorded('stream writers against the recordings: no field the services do not send', () => {
  const families: Array<{
    name: string;
    folders: string[];
    write(sample: WireEvent[]): string[];
    documented: string[];
  }> = [
    {
      name: 'Anthropic Messages',
      folders: ['anthropic'],
      write: (sample) => anthropicPayloads(sample),
      documented: [],
    },
    {
      name: 'OpenAI Chat Completions',
      folders: ['openai-compatible', 'openai'],
      write: (sample) => openaiChatPayloads(sample),
      documented: [],
    },
    {
      name: 'Bedrock ConverseStream',
      folders: ['bedrock'],
      write: (sample) => bedrockEventLines(sample),
      documented: [],
    },
    // Thought summaries are parts with `thought: true` (https://ai.google.dev/gemini-api/docs/thinking#summaries, checked 2026-12-05).
    { name: 'Gemini', folders: ['google'], write: (sample) => geminiPayloads(sample), documented: ['.thought'] },
    // Function calls: the function_call output item and response.function_call_arguments.delta/.done events
    // (https://platform.openai.com/docs/api-reference/responses-streaming, checked 2026-12-05); the recording has none.
    {
      name: 'Responses',
      folders: ['openai'],
      write: (sample) => responsesPayloads(sample),
      documented: ['<function_call>', '<response.function_call_arguments.'],
    },
  ];
  for (const family of families) {
    it(family.name, () => {
      const recorded = new Set<string>();
      for (const folder of family.folders)
        for (const file of listFixtures(folder)) for (const path of pathsOf(readChunks(file))) recorded.add(path);
      const written = new Set<string>();
      for (const sample of SAMPLES) for (const path of pathsOf(family.write(sample))) written.add(path);
      const unknown = [...written].filter(
        (path) => !recorded.has(path) && !family.documented.some((part) => path.includes(part)),
      );
      assert.deepEqual(unknown, []);
    });
  }
});
