/**
 * Where Skynet runs in a remote window. package.json's extensionKind is ["workspace"]: in a Remote-SSH, WSL,
 * Dev Container, Codespaces or tunnel window (and in code-server) the extension host runs on the machine that
 * holds the workspace, not beside the editor's UI. So that machine's network and proxy, its `localhost` (a local
 * Ollama), its ~/.aws, ~/.skynet and credential_process programs, and its files are the ones used. Pure.
 */

// vscode.env.remoteName values of Microsoft's remote extensions: the authorities VS Code itself names in
// telemetryAllowedAuthorities (microsoft/vscode src/vs/platform/telemetry/common/telemetryUtils.ts, checked 2026-12-05).
const MACHINES: Record<string, string> = {
  'ssh-remote': 'the SSH host',
  wsl: 'the WSL distribution',
  'dev-container': 'the dev container',
  'attached-container': 'the container',
  codespaces: 'the codespace',
  tunnel: "the tunnel's machine",
};

/** The tooltip line for a remote window, or undefined in a local one. */
export function describeRemoteMachine(remoteName: string | undefined): string | undefined {
  if (!remoteName) return undefined;
  const machine = MACHINES[remoteName] ?? `the remote machine (${remoteName})`;
  return `Remote window: Skynet runs on ${machine}, so its network and proxy settings, its localhost (Ollama), ~/.aws and ~/.skynet, and its files are used.`;
}
