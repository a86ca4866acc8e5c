import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/main';
import { providerModules } from '../../src/providers';
import { HEALTHY_TEXT, withFaultScene } from './support/faultScene';
import type { Family } from './support/family';
import { bedrockFamily, vertexFamily } from './support/cloudFamilies';
import { anthropicFamily, ollamaFamily, openaiCompatFamily } from './support/httpFamilies';
import { FAULT_SETTINGS } from './support/runFaultCase';
import { allSecrets, findLeaks } from './support/secrets';
import { copilotFamily, qwenFamily } from './support/signedInFamilies';
import { routerTable, slotTable } from './support/slotToml';

const FAMILIES: Family[] = [
  openaiCompatFamily,
  anthropicFamily,
  ollamaFamily,
  copilotFamily,
  qwenFamily,
  bedrockFamily,
  vertexFamily,
];

/** The slot id skynet.toml gives the family's table: the table name, or the openai_compat `id`. */
function slotIdInToml(slot: { kind: string; id: string }): string {
  if (slot.kind === 'openai-compat') return `custom-${slot.id}`;
  return slot.kind === 'qwen-oauth' ? 'qwen_oauth' : slot.kind;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * The same fault cases end to end through `skynet chat --verbose`: keys written literally in skynet.toml (so the
 * CLI's redactor does not know them beforehand), the faulty slot first and a healthy Ollama slot last. Nothing
 * the CLI prints may contain a secret; the user reads which slot failed and why.
 */
describe('fault injection through the CLI: what `skynet chat` prints', function () {
  this.timeout(5000);

  for (const family of FAMILIES) {
    describe(family.label, () => {
      for (const faultId of family.faults) {
        it(faultId, async function () {
          if (!providerModules[family.kind]) this.skip();
          await withFaultScene(family, faultId, async ({ fault, wire, setup, healthy, dir }) => {
            const table = slotTable(setup.slot);
            assert.ok(table, `a skynet.toml table for ${family.kind}`);
            // Ollama is the last table in router order: an Ollama slot is the healthy one behind any other family.
            const healthyTable =
              family.kind === 'ollama'
                ? ''
                : `[providers.ollama]\nbase_url = ${JSON.stringify(healthy.url)}\nmodel = "healthy"\n`;
            const config = path.join(dir, 'skynet.toml');
            fs.writeFileSync(config, `${routerTable(FAULT_SETTINGS)}\n${table}\n${healthyTable}`);
            const io = { env: { HOME: dir, PATH: process.env.PATH, ...setup.deps?.env }, cwd: dir, homeDir: dir };
            // The user's reviewed file (`skynet trust`): these cases are about what a trusted run prints.
            const trusted = capture();
            assert.equal(
              await runCli(['trust', '--config', config], {
                ...io,
                stdout: trusted.stream,
                stderr: trusted.stream,
                signal: new AbortController().signal,
              }),
              0,
              trusted.text(),
            );
            const stdout = capture();
            const stderr = capture();
            // Ctrl-C as soon as the first words are printed.
            const controller = new AbortController();
            if (fault.outcome === 'cancel') stdout.stream.once('data', () => controller.abort());
            const code = await runCli(['chat', '--config', config, '--verbose', 'Say something.'], {
              stdout: stdout.stream,
              stderr: stderr.stream,
              ...io,
              signal: controller.signal,
            });
            const out = stdout.text();
            const err = stderr.text();
            const context = `exit ${code}\n--- stdout ---\n${out}\n--- stderr ---\n${err}`;
            assert.deepEqual(
              findLeaks(
                [
                  { where: 'stdout', text: out },
                  { where: 'stderr', text: err },
                ],
                [...allSecrets(), ...setup.knownSecrets],
              ),
              [],
              `no secret printed\n${context}`,
            );
            if (fault.outcome === 'cancel') {
              assert.equal(code, 130, context);
              assert.ok(
                out.length > 0 && wire.text.startsWith(out.trim()),
                `the words before Ctrl-C stay printed\n${context}`,
              );
            } else if (fault.outcome === 'surface' || (fault.outcome === 'failover' && family.kind === 'ollama')) {
              assert.equal(code, 1, context);
              const last = err.trim().split('\n').pop() ?? '';
              assert.ok(last.includes(`${slotIdInToml(setup.slot)}`), `the error names the slot\n${context}`);
              assert.match(last, fault.cause, `the error says why\n${context}`);
            } else {
              assert.equal(code, 0, context);
              assert.equal(
                out.trim(),
                (fault.outcome === 'refresh' ? wire.text : HEALTHY_TEXT).trim(),
                `the whole answer is printed\n${context}`,
              );
              if (fault.outcome === 'failover')
                assert.match(err, /failed \(/, `stderr says which slot failed\n${context}`);
            }
          });
        });
      }
    });
  }
});
