import { argumentFragments, textDeltas, type WireEvent } from './events';

/**
 * Answers the tests stream, written once and put on every family's wire by the writers beside this file.
 * Made up for the tests (not copied from any recording); the shapes are what the recordings show.
 */

/** A plain answer in many small deltas (enough that faults can strike after the first output and before the end). */
export const TEXT_ANSWER: WireEvent[] = [
  ...textDeltas(
    '**Holiday plans for December:** pack light, book the train early, check the weather twice, and leave a day free for whatever turns up. ',
  ),
  ...textDeltas('If the forecast says snow, bring boots; if it says rain, bring a book. Either way, enjoy the trip!'),
  { type: 'usage', inputTokens: 16, outputTokens: 48 },
  { type: 'finish', reason: 'stop' },
];

/** Thinking (with a signature where the family has one), then the answer. */
export const REASONING_ANSWER: WireEvent[] = [
  { type: 'reasoning', text: 'The user asks how many r' },
  { type: 'reasoning', text: "'s are in strawberry. " },
  { type: 'reasoning', text: 's-t-r-a-w-b-e-r-r-y: positions 3, 8 and 9.' },
  { type: 'reasoning', text: '', signature: 'c2t5bmV0LXdyaXRlci1zaWduYXR1cmUtMQ==' },
  ...textDeltas('There are **3** r’s in “strawberry”: st**r**awbe**rr**y.'),
  { type: 'usage', inputTokens: 51, outputTokens: 94, reasoningTokens: 62 },
  { type: 'finish', reason: 'stop' },
];

export const WEATHER_ARGUMENTS = { location: 'San Francisco', unit: 'celsius' };

/** A short text, then one tool call whose JSON arguments stream in fragments. */
export const TOOL_CALL_ANSWER: WireEvent[] = [
  ...textDeltas("I'll look the weather up for you."),
  {
    type: 'tool-call',
    id: 'call_skynet_weather_1',
    name: 'weather',
    arguments: argumentFragments(WEATHER_ARGUMENTS, 5),
  },
  { type: 'usage', inputTokens: 124, outputTokens: 22 },
  { type: 'finish', reason: 'tool-calls' },
];

/** Reasoning, then a tool call (DeepSeek-reasoner, Claude with thinking, Gemini 3 shape). */
export const REASONING_TOOL_CALL: WireEvent[] = [
  { type: 'reasoning', text: 'The user wants the weather; ' },
  { type: 'reasoning', text: 'call the weather tool.', signature: 'c2t5bmV0LXdyaXRlci1zaWduYXR1cmUtMg==' },
  {
    type: 'tool-call',
    id: 'call_skynet_weather_2',
    name: 'weather',
    arguments: argumentFragments(WEATHER_ARGUMENTS, 7),
  },
  { type: 'usage', inputTokens: 339, outputTokens: 83, reasoningTokens: 39 },
  { type: 'finish', reason: 'tool-calls' },
];

/** A tool call without arguments. */
export const NO_ARGS_TOOL_CALL: WireEvent[] = [
  ...textDeltas("I'll update the issue list for you."),
  { type: 'tool-call', id: 'call_skynet_update_1', name: 'updateIssueList', arguments: ['{}'] },
  { type: 'usage', inputTokens: 565, outputTokens: 48 },
  { type: 'finish', reason: 'tool-calls' },
];

export const RECIPE_ARGUMENTS = {
  recipe: {
    name: 'Winter soup',
    servings: 4,
    vegetarian: true,
    ingredients: [
      { amount: '2', name: 'Leeks' },
      { amount: '500 g', name: 'Potatoes' },
      { amount: '1 l', name: 'Vegetable stock' },
    ],
    steps: [
      'Slice the leeks and dice the potatoes.',
      'Soften the leeks in butter for 5 minutes.',
      'Add potatoes and stock; simmer 20 minutes, then blend.',
    ],
  },
};

/** A tool call with nested arguments (objects in arrays, numbers, booleans), signed, as Gemini 3 streams one. */
export const NESTED_TOOL_CALL: WireEvent[] = [
  { type: 'reasoning', text: '', signature: 'c2t5bmV0LXdyaXRlci1zaWduYXR1cmUtMw==' },
  {
    type: 'tool-call',
    id: 'call_skynet_recipe_1',
    name: 'cookRecipe',
    arguments: argumentFragments(RECIPE_ARGUMENTS, 9),
  },
  { type: 'usage', inputTokens: 31, outputTokens: 700, reasoningTokens: 420 },
  { type: 'finish', reason: 'tool-calls' },
];
