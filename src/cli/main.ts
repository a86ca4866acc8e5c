import { parseCliArgs, USAGE, type ParsedArgs } from './args';
import { runChat } from './chat';
import { runCheck } from './check';
import { EXIT, writeLine, type CliIo } from './io';
import { runLogin, runLogout } from './login';
import { runProviders } from './providers';
import { runModels, runSlots } from './slots';
import { runTrust } from './trust';
import { runUsage } from './usage';

const VERSION = '0.1.0';

type Command = (args: ParsedArgs, io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  chat: runChat,
  slots: runSlots,
  models: runModels,
  check: runCheck,
  providers: runProviders,
  trust: runTrust,
  usage: runUsage,
};

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Sign-ins have their own flags (--slot picks the table to sign in for); they parse the rest themselves.
  if (argv[0] === 'login' && !argv.includes('--help')) return runLogin(argv.slice(1), io);
  if (argv[0] === 'logout' && !argv.includes('--help')) return runLogout(argv.slice(1), io);
  let args: ParsedArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    writeLine(io.stderr, `skynet: ${(error as Error).message}`);
    writeLine(io.stderr, 'Run skynet --help for usage.');
    return EXIT.usage;
  }
  if (args.values.version) {
    writeLine(io.stdout, VERSION);
    return EXIT.ok;
  }
  if (args.values.help || !args.command) {
    writeLine(args.command || args.values.help ? io.stdout : io.stderr, USAGE);
    return args.values.help ? EXIT.ok : EXIT.usage;
  }
  const command = commands[args.command];
  if (!command) {
    writeLine(io.stderr, `skynet: unknown command "${args.command}"`);
    writeLine(io.stderr, 'Run skynet --help for usage.');
    return EXIT.usage;
  }
  try {
    return await command(args, io);
  } catch (error) {
    writeLine(io.stderr, `skynet: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}
