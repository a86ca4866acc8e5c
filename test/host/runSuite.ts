// Runs the *.test.js files of one folder with mocha inside the extension host and writes the result file the
// harness reads (SKYNET_HOST_RESULT). Shared by the trusted suite (index.ts) and the untrusted one (untrusted/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runSuite(folder: string): Promise<void> {
  const resultFile = process.env.SKYNET_HOST_RESULT;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.SKYNET_HOST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(folder).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(folder, file));
  }
  return new Promise((resolve, reject) => {
    const tests: Array<{ title: string; state: 'passed' | 'failed'; err?: string }> = [];
    const runner = mocha.run((failures) => {
      if (resultFile) {
        const passes = tests.filter((test) => test.state === 'passed').length;
        fs.writeFileSync(resultFile, JSON.stringify({ passes, failures, tests }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('fail', (test, error) =>
      tests.push({ title: test.fullTitle(), state: 'failed', err: String((error as Error)?.stack ?? error) }),
    );
  });
}
