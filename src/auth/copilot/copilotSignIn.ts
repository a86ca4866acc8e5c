import type { CopilotSlot } from '../../config/types';
import type { HttpClient } from '../../util/http';
import { COPILOT_CLIENT_ID, COPILOT_SCOPE, copilotEditorHeaders, trimSlash } from './copilotIdentity';
import { runDeviceFlow, type DeviceCodePrompt, type Sleep } from '../deviceFlow';

export interface CopilotSignInOptions {
  slot: Pick<CopilotSlot, 'id' | 'githubUrl'>;
  http: HttpClient;
  onPrompt: (prompt: DeviceCodePrompt) => void | Promise<void>;
  signal?: AbortSignal;
  sleep?: Sleep;
  now?: () => number;
}

/** GitHub's device flow (github.com or an Enterprise host): resolves to the GitHub OAuth token. */
export async function signInToCopilot(options: CopilotSignInOptions): Promise<string> {
  const github = trimSlash(options.slot.githubUrl);
  const reply = await runDeviceFlow({
    provider: options.slot.id,
    http: options.http,
    codeUrl: `${github}/login/device/code`,
    tokenUrl: `${github}/login/oauth/access_token`,
    codeParams: { client_id: COPILOT_CLIENT_ID, scope: COPILOT_SCOPE },
    tokenParams: (deviceCode) => ({
      client_id: COPILOT_CLIENT_ID,
      device_code: deviceCode,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    }),
    bodyEncoding: 'json',
    headers: copilotEditorHeaders(),
    onPrompt: options.onPrompt,
    signal: options.signal,
    sleep: options.sleep,
    now: options.now,
    defaultIntervalSeconds: 5,
  });
  return reply.access_token;
}
