// extensionTestsPath entry of the trusted suite: the extension host calls run() and waits for the promise.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SkynetApi } from '../../src/extension';
import { runSuite } from './runSuite';
import { EXTENSION_ID } from './support';

/**
 * test-results/activation.json for `npm run bench` (bench/sizeAndStart.ts): Skynet's own activation as the real
 * host ran it. The extension host activates Skynet on startup (onStartupFinished), before this entry runs.
 */
async function writeActivationTime(): Promise<void> {
  const folder = process.env.SKYNET_HOST_SHOTS;
  const extension = vscode.extensions.getExtension<SkynetApi>(EXTENSION_ID);
  if (!folder || !extension) return;
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.ready;
  const timing = api.activation;
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(
    path.join(folder, 'activation.json'),
    JSON.stringify(
      {
        activationMs: timing.activationMs,
        codeLoadingMs: timing.codeLoadingMs,
        activateMs: timing.activateMs,
        hostWaitMs: timing.hostWaitMs,
        wallMs: timing.wallMs,
        configLoadedMs: timing.configLoadedMs,
        vscodeVersion: vscode.version,
        appName: vscode.env.appName,
        what:
          "activationMs = codeLoadingMs + activateMs: Skynet's own time, measured with performance.now() inside the extension host. " +
          "codeLoadingMs: first line to last line of dist/extension.js executing (esbuild banner and footer), i.e. evaluating the bundle's " +
          'modules; activateMs: activate() creating and registering the participant, model provider, views and commands. Not included: ' +
          'VS Code reading and compiling the bundle file before its first line runs, and hostWaitMs, the time between the bundle being ' +
          'evaluated and VS Code calling activate() (it prepares the ExtensionContext: storage and secrets, over IPC); wallMs is banner to ' +
          'activate() resolved with that wait included. configLoadedMs ' +
          '(activate() start → first skynet.toml loaded and its slots built: SecretStorage reads, no network unless no config exists) ' +
          'happens after activation, which does not wait for it. This run had no skynet.toml in the workspace yet (--dev bundle, not minified).',
      },
      null,
      2,
    ) + '\n',
  );
  console.log(
    `[skynet-test] activation ${timing.activationMs} ms (code loading ${timing.codeLoadingMs} ms, activate() ${timing.activateMs} ms)`,
  );
}

export async function run(): Promise<void> {
  await writeActivationTime().catch((error) => console.log(`[skynet-test] activation time not written: ${error}`));
  return runSuite(__dirname);
}
