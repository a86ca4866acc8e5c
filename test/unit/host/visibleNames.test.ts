import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '../../../../src');
/** The extension layer: every file that puts text in front of the user (notifications, quick picks, trees, chat). */
const UI_FOLDERS = ['host', 'views', 'commands'];
/** The helpers that make a file's or a server's name safe to show. */
const SAFE = /^\$\{(visibleName|iconLabelText|markdownText|notificationText|slotModelName|slotTitle)\(/;

function uiFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? uiFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('slot names shown in VS Code go through visibleName', () => {
  it('no notification, quick pick, tree or chat text interpolates a display name or model as it came from the file or a server', () => {
    const files = [...UI_FOLDERS.flatMap((folder) => uiFiles(path.join(SRC, folder))), path.join(SRC, 'extension.ts')];
    assert.ok(files.length > 20, `found the extension's files (${files.length})`);
    const raw: string[] = [];
    for (const file of files) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const match of line.matchAll(/\$\{[^}`]*\.(displayName|model)\b[^}`]*\}/g)) {
            if (!SAFE.test(match[0])) raw.push(`${path.relative(SRC, file)}:${index + 1}: ${match[0]}`);
          }
        });
    }
    assert.deepEqual(raw, []);
  });
});
