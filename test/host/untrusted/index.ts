// extensionTestsPath entry of the untrusted suite: the harness opens the workspace in Restricted Mode
// (scripts/test-host.sh: workspace trust on, no startup prompt, HOME a throwaway folder).
import * as path from 'node:path';
import { runSuite } from '../runSuite';

export function run(): Promise<void> {
  return runSuite(path.join(__dirname));
}
