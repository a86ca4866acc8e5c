// Drives code-server's workbench with headless Chromium so the mocha suite in out/test/host runs inside the real
// (remote, Node) extension host. Called by scripts/test-host.sh; exits with the suite's code.
// usage: node scripts/run-host-tests.js --port P --dev ABS_REPO --tests ABS_INDEX_JS --workspace DIR
//          [--timeout MS] [--shots DIR] [--env JSON]
// Screenshots: a test logs `[skynet-shot] NAME`; this driver saves DIR/NAME.png (the test waits for the file).
// UI steps: a test logs `[skynet-ui] {"file":…,"do":…}`; this driver performs it on the page with Playwright's
// auto-waiting locators and writes {ok, value} or {ok: false, error} to `file` (see test/host/browser.ts).
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const util = require('util');

function parseArgs(argv) {
  const args = {};
  for (let index = 0; index < argv.length; index += 2) args[argv[index].replace(/^--/, '')] = argv[index + 1];
  return args;
}

const args = parseArgs(process.argv.slice(2));
const timeoutMs = parseInt(args.timeout || '240000', 10);
const remote = (file) => `vscode-remote://remote${file}`;
const payload = [
  ['extensionDevelopmentPath', remote(args.dev)],
  ['extensionTestsPath', remote(args.tests)],
];
if (args.env) payload.push(['extensionEnvironment', args.env]);
const url = `http://127.0.0.1:${args.port}/?folder=${encodeURIComponent(args.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const SHOW = /^\s*(✔|✓|[0-9]+\)|\d+ (passing|failing|pending))|\[skynet-test\]|AssertionError|Error:|^\s{2,}\S/;

/** One UI step asked for by a host test; the answer goes to step.file (written whole, then renamed). */
async function runUiStep(page, step) {
  const answer = (result) => {
    fs.writeFileSync(`${step.file}.tmp`, JSON.stringify(result));
    fs.renameSync(`${step.file}.tmp`, step.file);
  };
  const timeout = step.timeoutMs || 20000;
  try {
    const locator = step.selector ? page.locator(step.selector) : undefined;
    let value;
    switch (step.do) {
      case 'click':
        await locator.first().click({ timeout });
        break;
      case 'waitFor':
        await locator.first().waitFor({ state: step.state || 'visible', timeout });
        break;
      case 'type':
        await page.keyboard.type(step.text, { delay: 5 });
        break;
      case 'press':
        await page.keyboard.press(step.key);
        break;
      case 'texts':
        value = await locator.allInnerTexts();
        break;
      case 'count':
        value = await locator.count();
        break;
      case 'html': // for writing a test: what the workbench drew there
        value = (await locator.first().evaluate((element) => element.outerHTML, undefined, { timeout })).slice(
          0,
          20000,
        );
        break;
      default:
        throw new Error(`unknown UI step ${step.do}`);
    }
    answer({ ok: true, value });
  } catch (error) {
    answer({
      ok: false,
      error: String((error && error.message) || error)
        .split('\n')
        .slice(0, 6)
        .join('\n'),
    });
  }
}

(async () => {
  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleLines = [];
  page.on('console', (message) => {
    consoleLines.push(message.text());
    if (process.env.VERBOSE) console.log('[browser]', message.text());
  });
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', async (type, logArgs) => {
    const line = util.format(...(logArgs || []));
    const step = /\[skynet-ui\] (\{.*\})\s*$/s.exec(line);
    if (step) return runUiStep(page, JSON.parse(step[1]));
    const shot = /\[skynet-shot\] ([\w.-]+)/.exec(line);
    if (shot && args.shots) {
      fs.mkdirSync(args.shots, { recursive: true });
      const file = path.join(args.shots, `${shot[1]}.png`);
      const temporary = `${file}.tmp.png`;
      await page
        .screenshot({ path: temporary })
        .then(() => fs.renameSync(temporary, file))
        .catch((error) => console.log(`[vscode-host] screenshot ${shot[1]} failed: ${error.message}`));
      return;
    }
    if (process.env.VERBOSE) return console.log(line);
    // The workbench's own noise (offline gallery, GitHub auth) comes with long stacks: show the first line only.
    const shown = line
      .split('\n')
      .filter((text) => !/^\s+at /.test(text))
      .join('\n');
    if (SHOW.test(shown) || type === 'error') console.log(shown);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
  console.log(`[vscode-host] opening the workbench on port ${args.port}`);
  await page.goto(url);
  const timer = new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), timeoutMs));
  const result = await Promise.race([exited, timer]);
  console.log(`[vscode-host] tests exited with ${JSON.stringify(result.code)} after ${Date.now() - started} ms`);
  if (args.shots) {
    await page.screenshot({ path: path.join(args.shots, 'final.png') }).catch(() => undefined);
    fs.writeFileSync(path.join(args.shots, 'browser-console.log'), consoleLines.join('\n'));
  }
  await browser.close();
  process.exit(typeof result.code === 'number' ? result.code : 2);
})().catch((error) => {
  console.error(error);
  process.exit(3);
});
