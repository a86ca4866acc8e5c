import { ProviderError } from '../../util/errors';
import { errorFromResponse, type HttpClient } from '../../util/http';
import { withoutSecrets } from '../../util/redact';
import { COPILOT_USER_AGENT, trimSlash } from './copilotIdentity';
import { exchangeCopilotToken, githubTokenRejected } from './copilotToken';

/** Who a Copilot sign-in belongs to, for the Sign-ins view. */
export interface CopilotAccount {
  /** The GitHub login (`GET /user` → `login`). */
  login: string;
  /** The profile name, when the account has one. */
  name?: string;
  /** The Copilot plan (`sku` of the token exchange), when the exchange names one. */
  plan?: string;
  /** Why the token exchange refused (no subscription), when it did: the sign-in itself is still valid. */
  copilotProblem?: string;
}

export interface GithubAccountOptions {
  provider: string;
  http: HttpClient;
  /** `https://api.github.com`, or a GitHub Enterprise `…/api/v3`: the only origin the GitHub token goes to. */
  githubApiUrl: string;
  now: () => number;
}

/**
 * `GET {githubApiUrl}/user` with the GitHub token (scope `read:user`): the account's login. A 401 is a typed
 * `auth` error (`github-token-rejected`: the token was revoked or expired); no error message carries the token.
 */
export async function fetchGithubAccount(
  options: GithubAccountOptions,
  githubToken: string,
  signal?: AbortSignal,
): Promise<Pick<CopilotAccount, 'login' | 'name'>> {
  const { provider } = options;
  try {
    const response = await options.http.request({
      method: 'GET',
      url: `${trimSlash(options.githubApiUrl)}/user`,
      provider,
      signal,
      headers: {
        authorization: `token ${githubToken}`,
        accept: 'application/vnd.github+json',
        'user-agent': COPILOT_USER_AGENT,
      },
    });
    if (response.status === 401) {
      response.close();
      throw githubTokenRejected(provider);
    }
    if (response.status < 200 || response.status >= 300)
      throw await errorFromResponse(response, provider, undefined, options.now());
    const reply = await response.json<Record<string, unknown>>().catch(() => undefined);
    const login = reply?.login;
    if (typeof login !== 'string' || !login) {
      throw new ProviderError({
        kind: 'invalid-response',
        slot: provider,
        message: 'GitHub answered /user without a login',
      });
    }
    const name = typeof reply?.name === 'string' && reply.name ? reply.name : undefined;
    return name ? { login, name } : { login };
  } catch (error) {
    throw withoutSecrets(error, [githubToken]);
  }
}

/**
 * The account and, best effort, the Copilot plan: `/user` decides (its errors are thrown); the token exchange only
 * adds the plan or says why Copilot refused. Both go to the same GitHub API origin the token is already sent to.
 */
export async function lookupCopilotAccount(
  options: GithubAccountOptions,
  githubToken: string,
  signal?: AbortSignal,
): Promise<CopilotAccount> {
  const [account, copilot] = await Promise.all([
    fetchGithubAccount(options, githubToken, signal),
    exchangeCopilotToken(options, githubToken, signal).then(
      (token) => ({ plan: token.sku }),
      (error: unknown) => {
        const refused = error instanceof ProviderError && error.code === 'no-copilot-subscription';
        return refused ? { copilotProblem: withoutSecrets(error, [githubToken]).message } : {};
      },
    ),
  ]);
  const result: CopilotAccount = { ...account };
  if ('plan' in copilot && copilot.plan) result.plan = copilot.plan;
  if ('copilotProblem' in copilot && copilot.copilotProblem) result.copilotProblem = copilot.copilotProblem;
  return result;
}
