import { providerModules } from '../../src/providers';
import { FAULTS, type FaultId } from './support/faults';
import type { Family } from './support/family';
import { anthropicFamily, ollamaFamily, openaiCompatFamily } from './support/httpFamilies';
import { runFaultCase } from './support/runFaultCase';
import { copilotFamily, copilotResponsesFamily, qwenFamily } from './support/signedInFamilies';
import { extraFamilies } from './support/extraFamilies';

/** Every provider family the suite knows; a family whose module is not in this build is reported, not run. */
const FAMILIES: Family[] = [
  openaiCompatFamily,
  anthropicFamily,
  ollamaFamily,
  copilotFamily,
  copilotResponsesFamily,
  qwenFamily,
  ...extraFamilies,
];
const PLANNED = [
  'OpenAI-compatible',
  'Anthropic',
  'Ollama',
  'Copilot',
  'Copilot Responses',
  'Qwen',
  'Bedrock',
  'Vertex',
  'Azure OpenAI',
];

type Cell = 'ok' | 'FAIL' | 'n/a';
const table = new Map<string, Map<FaultId, Cell>>();

function mark(family: string, fault: FaultId, cell: Cell): void {
  if (!table.has(family)) table.set(family, new Map());
  table.get(family)!.set(fault, cell);
}

function printTable(): void {
  const families = PLANNED;
  const width = Math.max(...FAULTS.map((fault) => fault.id.length)) + 2;
  const lines = [
    `\n  Faults tried and survived (router: faulty slot first, healthy slot second)`,
    `  ${'fault'.padEnd(width)}${families.map((label) => label.padEnd(19)).join('')}`,
  ];
  let tried = 0;
  let survived = 0;
  for (const fault of FAULTS) {
    const cells = families.map((label) => {
      const cell = table.get(label)?.get(fault.id) ?? '-';
      if (cell === 'ok' || cell === 'FAIL') tried++;
      if (cell === 'ok') survived++;
      return cell.padEnd(19);
    });
    lines.push(`  ${fault.id.padEnd(width)}${cells.join('')}`);
  }
  lines.push(`  ${survived}/${tried} survived ('-' = not applicable to the family, n/a = family not in this build)\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

describe('fault injection: family × fault through the router', function () {
  this.timeout(5000);
  after(printTable);

  for (const label of PLANNED) {
    const family = FAMILIES.find((candidate) => candidate.label === label);
    if (!family || !providerModules[family.kind]) {
      describe(label, () => {
        it(`is not in this build yet (no ${family?.kind ?? label} provider module registered)`, function () {
          for (const fault of FAULTS) mark(label, fault.id, 'n/a');
          this.skip();
        });
      });
      continue;
    }
    describe(label, () => {
      for (const faultId of family.faults) {
        it(faultId, async function () {
          mark(label, faultId, 'FAIL');
          await runFaultCase(family, faultId);
          mark(label, faultId, 'ok');
        });
      }
    });
  }
});
