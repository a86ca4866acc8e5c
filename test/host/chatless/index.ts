// extensionTestsPath entry of the chat-less suite (scripts/test-host.sh runs it twice): SKYNET_HOST_CHATLESS=extension
// has the built-in chat extension disabled; =api has vscode.lm and vscode.chat removed by SKYNET_TEST_HIDE_API.
import * as path from 'node:path';
import { runSuite } from '../runSuite';

export function run(): Promise<void> {
  return runSuite(path.join(__dirname));
}
