// extensionTestsPath entry of the installed suite: scripts/test-host.sh installs `npm run package`'s .vsix with
// --install-extension into an empty extensions folder and runs these tests from an empty development extension,
// so Skynet here is exactly what a user installs.
import * as path from 'node:path';
import { runSuite } from '../runSuite';

export function run(): Promise<void> {
  return runSuite(path.join(__dirname));
}
