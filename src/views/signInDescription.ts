// What a Sign-ins item says in each state. No VS Code API here, so every state is unit-tested in plain Node.
import type { CopilotAccountState } from '../auth/copilot/copilotAccountCache';
import type { QwenCredentials } from '../auth/qwen/qwenCredentials';

export interface SignInDescription {
  /** The item's description, beside the slot name. */
  description: string;
  /** Plain-text tooltip lines: account, where the token lives (never the token), plan, expiry. */
  tooltip: string[];
  /** Whether a usable sign-in exists (Sign Out offered), or Sign In is what the user needs. */
  signedIn: boolean;
}

/** `14:32` today, `12 Mar 2026, 14:32` on another day: the user's locale and time zone. */
export function formatLocalTime(epochMs: number, now: number): string {
  const when = new Date(epochMs);
  if (when.toDateString() === new Date(now).toDateString())
    return when.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export interface CopilotSignInFacts {
  /** No GitHub token anywhere: not signed in. */
  hasToken: boolean;
  /** Where the token was found, e.g. `VS Code Secret Storage`, `token file ~/.skynet/copilot-token`. */
  tokenPlaces: string[];
  /** Undefined when no lookup is made (an untrusted window): the item still says "signed in". */
  account?: CopilotAccountState;
  /** Why the account is not looked up, when it is not. */
  notLookedUp?: string;
}

export function describeCopilotSignIn(facts: CopilotSignInFacts): SignInDescription {
  if (!facts.hasToken)
    return {
      description: 'not signed in',
      tooltip: ["Not signed in. Sign In runs GitHub's device flow.", ...facts.tokenPlaces],
      signedIn: false,
    };
  const places = facts.tokenPlaces;
  const account = facts.account;
  if (account?.status === 'expired') {
    return {
      description: 'sign-in expired',
      tooltip: ['GitHub no longer accepts the saved token (revoked or expired): sign in again.', ...places],
      signedIn: false,
    };
  }
  if (account?.status === 'known') {
    const { login, name, plan, copilotProblem } = account.account;
    const lines = [`GitHub account: ${login}${name ? ` (${name})` : ''}`];
    if (plan) lines.push(`Copilot plan: ${plan}`);
    if (copilotProblem) lines.push(copilotProblem);
    return { description: `signed in as ${login}`, tooltip: [...lines, ...places], signedIn: true };
  }
  const why =
    account?.status === 'looking-up'
      ? 'Looking up the GitHub account…'
      : account?.status === 'unknown'
        ? `GitHub account not known: ${account.reason}`
        : (facts.notLookedUp ?? 'GitHub account not looked up.');
  return { description: 'signed in', tooltip: [why, ...places], signedIn: true };
}

export interface QwenSignInFacts {
  /** The credentials file (its path is shown, never its contents). */
  file: string;
  credentials?: QwenCredentials;
  /** The file exists but cannot be used. */
  error?: string;
  now: number;
  formatTime?: (epochMs: number, now: number) => string;
}

/**
 * Qwen's token reply and credentials file name no account (PROVIDERS.md documents no userinfo endpoint), so the
 * item says how long the access token is good for instead.
 */
export function describeQwenSignIn(facts: QwenSignInFacts): SignInDescription {
  const fileLine = `Credentials file: ${facts.file}`;
  if (facts.error) return { description: 'credentials unreadable', tooltip: [facts.error, fileLine], signedIn: false };
  const credentials = facts.credentials;
  if (!credentials)
    return {
      description: 'not signed in',
      tooltip: ["Not signed in. Sign In runs Qwen's device flow.", `${fileLine} (not there yet)`],
      signedIn: false,
    };
  const format = facts.formatTime ?? formatLocalTime;
  const lines = ["Qwen OAuth (qwen-code's oauth_creds.json format; the sign-in names no account)"];
  if (credentials.resourceUrl) lines.push(`API host: ${credentials.resourceUrl}`);
  lines.push(fileLine);
  if (credentials.expiresAt === undefined) return { description: 'signed in', tooltip: lines, signedIn: true };
  if (credentials.expiresAt > facts.now) {
    const until = format(credentials.expiresAt, facts.now);
    return {
      description: `signed in · token valid until ${until}`,
      tooltip: [...lines, `Access token valid until ${until}; it is refreshed automatically.`],
      signedIn: true,
    };
  }
  if (credentials.refreshToken) {
    return {
      description: 'signed in · expired, refreshes on next use',
      tooltip: [...lines, 'The access token has expired; the next request refreshes it with the saved refresh token.'],
      signedIn: true,
    };
  }
  return {
    description: 'sign-in expired',
    tooltip: [...lines, 'The access token has expired and there is no refresh token: sign in again.'],
    signedIn: false,
  };
}
