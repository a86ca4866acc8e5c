import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** `../shared/fixtures` beside the repository, or `SKYNET_FIXTURES`. */
export const fixturesDir: string =
  process.env.SKYNET_FIXTURES ?? path.resolve(findRepoRoot(__dirname), '..', 'shared', 'fixtures');

export const haveFixtures: boolean = fs.existsSync(fixturesDir);

/** Skips the calling suite with a clear message when the shared fixtures are absent. */
export function requireFixtures(context: Mocha.Context): void {
  if (!haveFixtures) {
    console.warn(
      `  skipped: recorded fixtures not found at ${fixturesDir} (set SKYNET_FIXTURES or place ../shared beside the repo)`,
    );
    context.skip();
  }
}

/**
 * A suite that replays the recorded streams of ../shared/fixtures: an extra conformance layer over the tests that
 * stream what the project writes itself. Without the recordings it is one skipped test saying so.
 */
export function describeRecorded(title: string, body: () => void): void {
  if (haveFixtures) {
    describe(`${title} (recorded conformance)`, body);
    return;
  }
  describe(title, () => {
    it(`recorded conformance suite: skipped, no recordings at ${fixturesDir}`, function () {
      this.skip();
    });
  });
}

export function fixturePath(relative: string): string {
  return path.join(fixturesDir, relative);
}

export function readFixture(relative: string): string {
  return fs.readFileSync(fixturePath(relative), 'utf8');
}

/** The non-empty lines of a `*.chunks.txt` recording: one SSE `data:` payload (JSON) each. */
export function readChunks(relative: string): string[] {
  return readFixture(relative)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** Every recording in a fixture folder whose name ends with `suffix`. */
export function listFixtures(folder: string, suffix = '.chunks.txt'): string[] {
  const dir = fixturePath(folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => path.join(folder, name));
}
