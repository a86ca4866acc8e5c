import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** The rules that draw the zones (the probes may also trip recommended rules such as no-require-imports). */
const ZONE_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax', 'no-console']);

/** The zone rule ids the project's eslint.config.mjs reports for `code` as if it were the file at `file`. */
async function violations(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages
    .map((message) => message.ruleId ?? `fatal: ${message.message}`)
    .filter((rule) => ZONE_RULES.has(rule) || rule.startsWith('fatal'));
}

describe('lint zones: the core cannot reach VS Code or the extension layer, nor config the rest of the core', function () {
  this.timeout(30_000);
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  const refused: Array<[string, string, string]> = [
    [
      'src/cli/probe.ts',
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/cli.ts',
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/config/probe.ts',
      "import type { Uri } from 'vscode';\nexport type X = Uri;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/auth/probe.ts',
      "import vscode = require('vscode');\nexport const x = vscode;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    ['src/util/probe.ts', "export const x = require('vscode');\n", 'no-restricted-syntax'],
    ['src/providers/probe.ts', "export const x = import('vscode');\n", 'no-restricted-syntax'],
    [
      'src/providers/anthropic/probe.ts',
      "import { x } from '../../host/configService/configService';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/providers/gemini/probe.ts',
      "import { x } from '../../commands/addProviderCommand';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/auth/aws/probe.ts',
      "import type { Uri } from 'vscode';\nexport type X = Uri;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/auth/copilot/probe.ts',
      "import { x } from '../../host/participant/chatParticipant';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    ['src/auth/google/probe.ts', "export const x = require('vscode');\n", 'no-restricted-syntax'],
    [
      'src/trust/probe.ts',
      "import type { Uri } from 'vscode';\nexport type X = Uri;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/trust/probe.ts',
      "import { x } from '../host/credentials/confirmOrigin';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    ['src/trust/probe.ts', "console.log('x');\n", 'no-console'],
    [
      'src/router/probe.ts',
      "import { x } from '../views/slotsTree';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/auth/probe.ts',
      "import { x } from '../commands/signIn';\nexport const y = x;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/config/probe.ts',
      "import { activate } from '../extension';\nexport const y = activate;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    ['src/cli/probe.ts', "export { activate } from '../extension.js';\n", '@typescript-eslint/no-restricted-imports'],
    ['src/util/probe.ts', "import '../host/hostLogger';\n", '@typescript-eslint/no-restricted-imports'],
    [
      'src/usage/probe.ts',
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    // config is the bottom of the core (above util): it knows the providers through the KnownProviders it is passed.
    [
      'src/config/probe.ts',
      "import { REGISTRY } from '../providers/registry';\nexport const x = REGISTRY;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/config/probe.ts',
      "import type { SlotHealth } from '../router/slotHealthBook';\nexport type X = SlotHealth;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
    [
      'src/config/probe.ts',
      "import { y } from '../auth/apiKey';\nexport const x = y;\n",
      '@typescript-eslint/no-restricted-imports',
    ],
  ];
  for (const [file, code, rule] of refused) {
    it(`refuses in ${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await violations(eslint, file, code), [rule]);
    });
  }

  const allowed: Array<[string, string]> = [
    [
      'src/host/probe.ts',
      "import * as vscode from 'vscode';\nimport { x } from '../views/slotsTree';\nexport const y = [vscode, x];\n",
    ],
    ['src/views/probe.ts', "import { x } from '../host/configService/configService';\nexport const y = x;\n"],
    [
      'src/commands/probe.ts',
      "import * as vscode from 'vscode';\nimport { x } from '../host/credentials/secretCredentialStore';\nexport const y = [vscode, x];\n",
    ],
    [
      'src/host/participant/probe.ts',
      "import * as vscode from 'vscode';\nimport { x } from '../../views/slotsTree';\nexport const y = [vscode, x];\n",
    ],
    [
      'src/config/probe.ts',
      "import { x } from '../util/errors';\nimport { y } from './knownProviders';\nexport const z = [x, y];\n",
    ],
    [
      'src/cli/probe.ts',
      "import { x } from './hostname';\nimport { y } from '../router/extensionPoints';\nexport const z = [x, y];\n",
    ],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await violations(eslint, file, code), []);
    });
  }
});
