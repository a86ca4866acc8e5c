import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// A notification draws `[label](target)` as a link and opens it with commands allowed, so its text may hold a
// server's or a file's words only through notificationText. This scan reads every show…Message call of the extension
// layer and fails on text it cannot see is safe: our own literals, numbers, and notificationText(…) are.

const SRC = path.join(__dirname, '../../../../src');
const UI_FOLDERS = ['host', 'views', 'commands'];
const NOTIFY = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);

function uiFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? uiFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function strip(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    node = node.expression;
  return node;
}

/** Every `const name = …` of the file, by name: a message built in a variable is judged by what built it. */
function constants(file: ts.SourceFile): Map<string, ts.Expression[]> {
  const found = new Map<string, ts.Expression[]>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const
    ) {
      found.set(node.name.text, [...(found.get(node.name.text) ?? []), node.initializer]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The parts of a message that may carry a file's or a server's text unescaped. */
function unsafeParts(
  node: ts.Expression,
  consts: Map<string, ts.Expression[]>,
  inTemplate: boolean,
  seen = new Set<string>(),
): ts.Node[] {
  const expr = strip(node);
  const again = (part: ts.Expression, template = inTemplate): ts.Node[] => unsafeParts(part, consts, template, seen);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr) || ts.isNumericLiteral(expr)) return [];
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'notificationText')
    return [];
  if (ts.isTemplateExpression(expr)) return expr.templateSpans.flatMap((span) => again(span.expression, true));
  if (ts.isConditionalExpression(expr)) return [...again(expr.whenTrue), ...again(expr.whenFalse)];
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    return [...again(expr.left), ...again(expr.right)];
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    // `position + 1` inside a template is a number; otherwise both sides are text.
    if (inTemplate && (ts.isNumericLiteral(strip(expr.right)) || ts.isNumericLiteral(strip(expr.left)))) return [];
    return [...again(expr.left), ...again(expr.right)];
  }
  if (inTemplate && ts.isPropertyAccessExpression(expr) && ['length', 'size'].includes(expr.name.text)) return [];
  // SCREAMING_CASE constants are ours (limits, fixed words), not a file's or a server's.
  if (ts.isIdentifier(expr) && /^[A-Z][A-Z0-9_]*$/.test(expr.text)) return [];
  if (ts.isIdentifier(expr) && consts.has(expr.text) && !seen.has(expr.text)) {
    const inside = new Set([...seen, expr.text]); // a cycle guard for this path only
    return consts.get(expr.text)!.flatMap((initializer) => unsafeParts(initializer, consts, inTemplate, inside));
  }
  return [expr];
}

/** `file:line: text` for every show…Message whose message is not provably safe, or that is used other than called. */
export function unsafeNotifications(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const consts = constants(file);
  const where = (node: ts.Node): string =>
    `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().slice(0, 120)}`;
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const name = ts.isPropertyAccessExpression(node)
      ? node.name
      : ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent)
        ? node
        : undefined;
    if (name && NOTIFY.has(name.text) && !ts.isImportSpecifier(node.parent)) {
      const call = node.parent;
      if (!ts.isCallExpression(call) || call.expression !== node)
        found.push(`${where(node)} (not called directly: its text cannot be checked)`);
      else if (call.arguments.length === 0) found.push(where(call));
      else found.push(...unsafeParts(call.arguments[0], consts, false).map(where));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('server and file text in VS Code notifications goes through notificationText', () => {
  it('every showInformationMessage / showWarningMessage / showErrorMessage of the extension layer is literal, numbers or notificationText', () => {
    const files = [...UI_FOLDERS.flatMap((folder) => uiFiles(path.join(SRC, folder))), path.join(SRC, 'extension.ts')];
    assert.ok(files.length > 20, `found the extension's files (${files.length})`);
    const calls = files.reduce(
      (count, file) =>
        count + (fs.readFileSync(file, 'utf8').match(/show(Information|Warning|Error)Message\(/g)?.length ?? 0),
      0,
    );
    assert.ok(calls > 20, `found the notifications (${calls})`);
    const unsafe = files.flatMap((file) =>
      unsafeNotifications(path.relative(SRC, file), fs.readFileSync(file, 'utf8')),
    );
    assert.deepEqual(unsafe, []);
  });

  it('the scan fails on a server error, a name or a reason interpolated raw, on a message variable built from them, and on an alias', () => {
    const flagged = (code: string): number => unsafeNotifications('x.ts', code).length;
    assert.equal(flagged('vscode.window.showErrorMessage(`Skynet: ${slot.id} failed: ${error.message}`);'), 2);
    assert.equal(flagged('void vscode.window.showWarningMessage(warning.message, OPEN);'), 1);
    assert.equal(flagged('const message = `Skynet: ${reason}`;\nvscode.window.showInformationMessage(message);'), 1);
    assert.equal(
      flagged('const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;'),
      2,
    );
    assert.equal(
      flagged('vscode.window.showErrorMessage(`Skynet: ${visibleName(slot.displayName)} failed`);'),
      1,
      'visibleName leaves [x](command:…) a link',
    );
    assert.equal(flagged('vscode.window.showErrorMessage("Skynet: " + error.message);'), 1);
    assert.equal(
      flagged(
        'vscode.window.showErrorMessage(`Skynet: ${notificationText(slot.id)} failed: ${notificationText(error.message)} (${count + 1}, ${MAX_KEYS})`);',
      ),
      0,
    );
    assert.equal(
      flagged(
        'const question = ok ? `a ${notificationText(origin)}` : "b";\nvscode.window.showWarningMessage(question, { modal: true });',
      ),
      0,
    );
  });
});
