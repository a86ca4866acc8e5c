import type { FakeServer } from './fakeServer';
import { replyJson } from './signinHarness';

export type PollAnswer = { status?: number; body: unknown } | 'hang' | 'reset';

export const pending: PollAnswer = {
  body: { error: 'authorization_pending', error_description: 'The authorization request is still pending.' },
};

export function granted(token: string): PollAnswer {
  return { body: { access_token: token, token_type: 'bearer', scope: 'read:user' } };
}

/** A fake github.com device flow: the device-code reply, then one scripted answer per poll (the last repeats). */
export function fakeGithub(
  server: FakeServer,
  polls: PollAnswer[],
  code: Record<string, unknown> = {},
): { abortedPolls: number } {
  const seen = { abortedPolls: 0 };
  server.route('POST', '/login/device/code', (_request, response) =>
    replyJson(response, 200, {
      device_code: 'dev-code-123',
      user_code: 'WDJB-MJHT',
      verification_uri: 'https://github.com/login/device',
      expires_in: 900,
      interval: 5,
      ...code,
    }),
  );
  let index = 0;
  server.route('POST', '/login/oauth/access_token', (_request, response) => {
    const answer = polls[Math.min(index++, polls.length - 1)];
    if (answer === 'reset') {
      response.socket?.destroy();
      return;
    }
    if (answer === 'hang') {
      return new Promise<void>((resolve) =>
        response.on('close', () => {
          if (!response.writableFinished) seen.abortedPolls++;
          resolve();
        }),
      );
    }
    replyJson(response, answer.status ?? 200, answer.body);
  });
  return seen;
}

/** A fake `GET /user` (under `apiPrefix` for Enterprise): the login for `token`, 401 "Bad credentials" otherwise. */
export function fakeGithubUser(
  server: FakeServer,
  token: string,
  user: { login: string; name?: string },
  apiPrefix = '',
): void {
  server.route('GET', `${apiPrefix}/user`, (request, response) => {
    const authorization = request.headers.authorization;
    if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`)
      return replyJson(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    replyJson(response, 200, { id: 583231, type: 'User', ...user });
  });
}
