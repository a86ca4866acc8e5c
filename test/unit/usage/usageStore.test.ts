import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { emptyCounts, KEPT_DAYS, localDay, recordUsage, sumUsage } from '../../../src/usage/usageLedger';
import { UsageFileStore } from '../../../src/usage/usageStore';

const run = promisify(execFile);
const one = { ...emptyCounts(), requests: 1, inputTokens: 10, outputTokens: 3 };

describe('usage.json', () => {
  let folder: string;
  let file: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'skynet-usage-store-'));
    file = path.join(folder, 'home', '.skynet', 'usage.json');
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('is written atomically (no temporary or lock file left) and read back by a new store', async () => {
    const store = new UsageFileStore(file);
    await store.update((data) => recordUsage(data, '2026-12-05', 'groq', one));
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['usage.json']);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(new UsageFileStore(file).snapshot().days['2026-12-05'].groq.inputTokens, 10);
  });

  it('a corrupt file: one clear message, the file kept beside it, counting starts afresh and nothing else is touched', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"version":1,"days":{"2026-12-05":{"groq":{"requests":"many"}}}}');
    fs.writeFileSync(path.join(path.dirname(file), 'skynet.toml'), '# mine\n');
    const problems: string[] = [];
    const store = new UsageFileStore(file, {
      onProblem: (message) => problems.push(message),
      now: () => 1_765_000_000_000,
    });
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /usage file .*usage\.json could not be read \(2026-12-05\.groq\.requests is not a count\); it was kept as .*usage\.json\.corrupt-1765000000000 and usage is counted afresh from now\./,
    );
    assert.deepEqual(store.snapshot().days, {});
    await store.update((data) => recordUsage(data, '2026-12-05', 'groq', one));
    assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), [
      'skynet.toml',
      'usage.json',
      'usage.json.corrupt-1765000000000',
    ]);
    assert.equal(fs.readFileSync(path.join(path.dirname(file), 'skynet.toml'), 'utf8'), '# mine\n');
    // Not JSON at all, found when another process wrote it meanwhile.
    fs.writeFileSync(file, 'garbage');
    assert.deepEqual(store.snapshot().days, {});
    assert.equal(problems.length, 2);
  });

  it('keeps a bounded history: days older than the kept span are dropped on the next write', async () => {
    const store = new UsageFileStore(file, { now: () => new Date(2026, 11, 5, 12).getTime() });
    await store.update((data) => {
      recordUsage(data, '2024-01-01', 'groq', one);
      recordUsage(data, localDay(new Date(2026, 11, 5, 12).getTime() - (KEPT_DAYS - 1) * 86_400_000), 'groq', one);
      data.warned.push('*:daily_budget_usd:2024-01-01', 'groq:monthly_budget_usd:2026-12');
    });
    const data = new UsageFileStore(file).snapshot();
    assert.deepEqual(Object.keys(data.days).length, 1);
    assert.deepEqual(data.warned, ['groq:monthly_budget_usd:2026-12']);
  });

  it('several processes recording at once lose no count (a lock file around each read-change-write)', async function () {
    this.timeout(30_000);
    const store = path.resolve(__dirname, '../../../src/usage/usageStore.js');
    const ledger = path.resolve(__dirname, '../../../src/usage/usageLedger.js');
    const script = `
      const { UsageFileStore } = require(${JSON.stringify(store)});
      const { recordUsage, emptyCounts } = require(${JSON.stringify(ledger)});
      const store = new UsageFileStore(process.argv[1]);
      const writes = [];
      for (let i = 0; i < 25; i++) writes.push(store.update((data) => recordUsage(data, '2026-12-05', 'slot-' + (i % 2), { ...emptyCounts(), requests: 1, outputTokens: 2 })));
      Promise.all(writes).catch((error) => { console.error(error); process.exit(1); });
    `;
    await Promise.all([1, 2, 3, 4].map(() => run(process.execPath, ['-e', script, file])));
    const data = new UsageFileStore(file).snapshot();
    const total = sumUsage(data, () => true);
    assert.equal(total.requests, 100);
    assert.equal(total.outputTokens, 200);
    assert.equal(data.days['2026-12-05']['slot-0'].requests, 52);
  });
});
