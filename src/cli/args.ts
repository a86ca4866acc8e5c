import { parseArgs } from 'node:util';

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  values: {
    config?: string;
    slot?: string;
    model?: string;
    json?: boolean;
    system?: string;
    'max-tokens'?: string;
    temperature?: string;
    reasoning?: string;
    messages?: string;
    tools?: string;
    verbose?: boolean;
    help?: boolean;
    version?: boolean;
    revoke?: boolean;
    list?: boolean;
    days?: string;
  };
}

/** Flags shared by every command; unknown flags are an error, so typos never pass silently. */
export function parseCliArgs(argv: string[]): ParsedArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      slot: { type: 'string', short: 's' },
      model: { type: 'string', short: 'm' },
      json: { type: 'boolean' },
      system: { type: 'string' },
      'max-tokens': { type: 'string' },
      temperature: { type: 'string' },
      reasoning: { type: 'string' },
      messages: { type: 'string' },
      tools: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      revoke: { type: 'boolean' },
      list: { type: 'boolean' },
      days: { type: 'string' },
    },
  });
  return { command: positionals[0], positionals: positionals.slice(1), values };
}

export const USAGE = `Usage: skynet <command> [options]

Commands:
  chat [PROMPT]           Stream an answer through the router (reads stdin when PROMPT is absent or "-")
  slots                   List the slots in router order with their state
  models                  List the models of a slot (--slot) or of every usable slot
  check                   Validate skynet.toml; prints file:line:column: message per problem
  providers               List every provider Skynet knows (id, service, protocol, base URL, default model, auth)
  trust [--revoke|--list] Let this skynet.toml use your keys, sign-ins and environment variables (until it
                          changes); without it, a file other than ~/.skynet/skynet.toml runs in restricted mode
  usage [--days N]        Tokens, requests and cost per slot per day (last 7 days by default), and each budget
                          (kept in ~/.skynet/usage.json; days and months in this computer's time zone)
  login copilot|qwen      Sign in with the device flow
  logout copilot|qwen     Forget the sign-in

Options:
  -c, --config PATH       skynet.toml to use (default: ./skynet.toml, then ~/.skynet/skynet.toml); trusted
                          only if it is ~/.skynet/skynet.toml or \`skynet trust --config PATH\` approved it
  -s, --slot ID           Use only this slot (no failover)
  -m, --model M           Model to ask for on every slot tried
      --system TEXT       System prompt
      --max-tokens N      Limit the answer's length
      --temperature T     Sampling temperature
      --reasoning R       Ask the model to think first: low, medium, high, or a token budget (e.g. 8000);
                          off sends none (default: each slot's skynet.toml reasoning)
      --messages FILE     Send this conversation (OpenAI chat format: tool_calls, tool results, reasoning_content);
                          a PROMPT given too is added as the last user message
      --tools FILE        Offer these tools (OpenAI tool definitions); tool calls print as [tool-call …] or JSON lines
      --json              One JSON event per line (chat) or a JSON document (slots, models, check, usage)
  -v, --verbose           Log what the router does to stderr
  -h, --help              Show this help
      --version           Print the version

Keys: api_key in skynet.toml, "\${env:NAME}", or the environment variable <SLOT>_API_KEY (e.g. GROQ_API_KEY).`;
