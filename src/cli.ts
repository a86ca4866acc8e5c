import { homedir } from 'node:os';
import { runCli } from './cli/main';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C cancels the request (the stream closes at once); a second one exits.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  homeDir: homedir(),
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
