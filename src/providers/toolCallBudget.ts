import { ProviderError } from '../util/errors';
import {
  MAX_JSON_DEPTH,
  MAX_TOOL_ARGUMENT_CHARS,
  MAX_TOOL_CALLS,
  nestsDeeperThan,
  tooLargeError,
} from '../util/limits';

/**
 * The limits on the tool calls of one answer, for the stream parsers that assemble them: how many calls, and how
 * long one call's arguments may grow while their pieces arrive. One instance per request.
 */
export class ToolCallBudget {
  private calls = 0;

  constructor(
    private readonly provider: string,
    private readonly maxCalls = MAX_TOOL_CALLS,
    private readonly maxArgumentChars = MAX_TOOL_ARGUMENT_CHARS,
    private readonly maxDepth = MAX_JSON_DEPTH,
  ) {}

  /** One more call begins. */
  start(): void {
    if (++this.calls <= this.maxCalls) return;
    throw new ProviderError({
      kind: 'invalid-response',
      slot: this.provider,
      code: 'TOO_MANY_TOOL_CALLS',
      message: `The answer has more than the ${this.maxCalls} tool calls skynet accepts`,
    });
  }

  /** The parsed arguments of a finished call, refused when nested deeper than any tool's arguments are. */
  checkDepth<T>(args: T, name: string | undefined): T {
    if (!nestsDeeperThan(args, this.maxDepth)) return args;
    throw new ProviderError({
      kind: 'invalid-response',
      slot: this.provider,
      code: 'ARGUMENTS_TOO_DEEP',
      message: `The arguments of tool call "${name || '(unnamed)'}" nest deeper than the ${this.maxDepth} levels skynet accepts`,
    });
  }

  /** A call's arguments have grown to `length` characters. */
  checkArguments(length: number, name: string | undefined): void {
    if (length > this.maxArgumentChars)
      throw tooLargeError(this.provider, `The arguments of tool call "${name || '(unnamed)'}"`, this.maxArgumentChars);
  }
}
