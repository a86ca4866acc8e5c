import { parseToolArguments } from '../collect';
import { ToolCallBudget } from '../toolCallBudget';
import type { ChatEvent } from '../types';
import { invalidResponse } from './openaiError';

type ToolCallEvent = Extract<ChatEvent, { type: 'tool-call' }>;

interface PendingCall {
  id: string;
  name: string;
  arguments: string;
  signature?: string;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Builds whole tool calls from streamed `delta.tool_calls` fragments, in every dialect seen on the wire:
 * fragments keyed by `index` (OpenAI, DeepSeek: name first, then many argument pieces); no `index` and no
 * `type` (Mistral: keyed by id, else the latest call); a whole call in one delta (Groq, xAI); later fragments
 * repeating `id:""` and a trailing empty fragment (DashScope). One instance per request.
 */
export class ToolCallAssembler {
  private readonly calls: PendingCall[] = [];
  private readonly byIndex = new Map<number, PendingCall>();
  /** Calls by their id, so a fragment finds its call without a scan (fragments × calls would be quadratic). */
  private readonly byId = new Map<string, PendingCall>();
  private generated = 0;
  private readonly budget: ToolCallBudget;

  constructor(
    private readonly provider: string,
    budget?: ToolCallBudget,
  ) {
    this.budget = budget ?? new ToolCallBudget(provider);
  }

  get pending(): number {
    return this.calls.length;
  }

  add(fragment: unknown): void {
    if (!fragment || typeof fragment !== 'object') return;
    const raw = fragment as {
      index?: unknown;
      id?: unknown;
      function?: { name?: unknown; arguments?: unknown };
      extra_content?: { google?: { thought_signature?: unknown } };
    };
    const call = this.callFor(raw);
    const id = nonEmptyString(raw.id);
    if (id && !call.id) {
      call.id = id;
      if (!this.byId.has(id)) this.byId.set(id, call);
    }
    const name = nonEmptyString(raw.function?.name);
    if (name && !call.name) call.name = name;
    // Gemini's OpenAI-compatible endpoint: the thought signature that must come back with this call.
    const signature = nonEmptyString(raw.extra_content?.google?.thought_signature);
    if (signature) call.signature = signature;
    const args = raw.function?.arguments;
    if (typeof args === 'string') call.arguments += args;
    else if (args && typeof args === 'object') call.arguments = JSON.stringify(args);
    this.budget.checkArguments(call.arguments.length, call.name);
  }

  /** The finished calls with parsed arguments, in arrival order; the assembler is empty afterwards. */
  finish(): ToolCallEvent[] {
    const events = this.calls.map((call) => this.complete(call));
    this.calls.length = 0;
    this.byIndex.clear();
    this.byId.clear();
    return events;
  }

  private callFor(raw: { index?: unknown; id?: unknown }): PendingCall {
    if (typeof raw.index === 'number') {
      let call = this.byIndex.get(raw.index);
      if (!call) {
        call = this.create();
        this.byIndex.set(raw.index, call);
      }
      return call;
    }
    const id = nonEmptyString(raw.id);
    if (id) return this.byId.get(id) ?? this.create();
    return this.calls[this.calls.length - 1] ?? this.create();
  }

  private create(): PendingCall {
    this.budget.start();
    const call: PendingCall = { id: '', name: '', arguments: '' };
    this.calls.push(call);
    return call;
  }

  private complete(call: PendingCall): ToolCallEvent {
    if (!call.name) throw invalidResponse(this.provider, 'A streamed tool call has no function name');
    const parsed = parseToolArguments(call.arguments);
    if (!parsed) {
      throw invalidResponse(
        this.provider,
        `The arguments of tool call "${call.name}" are not a JSON object (${call.arguments.length} characters)`,
      );
    }
    const id = call.id || `call_${++this.generated}`;
    return {
      type: 'tool-call',
      id,
      name: call.name,
      arguments: this.budget.checkDepth(parsed, call.name),
      ...(call.signature ? { signature: call.signature } : {}),
    };
  }
}
