// Drives the workbench page itself (clicks, keys, what is on screen) from a host test: the test logs a step, the
// harness (scripts/run-host-tests.js) performs it with Playwright's auto-waiting locators and writes the answer to a
// file this side waits for. Waits are on elements, never fixed sleeps.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { waitFor } from './support';

type Step =
  | { do: 'click'; selector: string; timeoutMs?: number }
  | { do: 'waitFor'; selector: string; state?: 'visible' | 'hidden' | 'attached' | 'detached'; timeoutMs?: number }
  | { do: 'type'; text: string }
  | { do: 'press'; key: string }
  | { do: 'texts'; selector: string }
  | { do: 'count'; selector: string }
  | { do: 'html'; selector: string };

let folder: string | undefined;
let counter = 0;

async function step<T>(action: Step): Promise<T> {
  folder ??= fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-ui-'));
  const file = path.join(folder, `step-${++counter}.json`);
  console.log(`[skynet-ui] ${JSON.stringify({ ...action, file })}`);
  const timeoutMs = ('timeoutMs' in action && action.timeoutMs ? action.timeoutMs : 20_000) + 10_000;
  await waitFor(
    `the harness to ${action.do} ${'selector' in action ? action.selector : ''}`,
    () => fs.existsSync(file),
    timeoutMs,
  );
  const result = JSON.parse(fs.readFileSync(file, 'utf8')) as { ok: boolean; value?: T; error?: string };
  if (!result.ok)
    throw new Error(`UI step ${action.do} ${'selector' in action ? action.selector : ''} failed: ${result.error}`);
  return result.value as T;
}

export const browser = {
  click: (selector: string, timeoutMs?: number) => step<void>({ do: 'click', selector, timeoutMs }),
  waitFor: (selector: string, timeoutMs?: number, state?: 'visible' | 'hidden' | 'attached' | 'detached') =>
    step<void>({ do: 'waitFor', selector, timeoutMs, state }),
  type: (text: string) => step<void>({ do: 'type', text }),
  press: (key: string) => step<void>({ do: 'press', key }),
  texts: (selector: string) => step<string[]>({ do: 'texts', selector }),
  count: (selector: string) => step<number>({ do: 'count', selector }),
  html: (selector: string) => step<string>({ do: 'html', selector }),
};
