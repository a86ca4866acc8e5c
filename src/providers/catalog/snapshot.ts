/**
 * The model catalog snapshot as it is stored (`modelCatalog.json`, written by `npm run catalog`): one compact row
 * per model, so the file stays small enough to read on first use instead of weighing on the bundle.
 */

/** What the catalog knows about one model. Prices are USD per 1M tokens. */
export interface CatalogModel {
  contextWindow?: number;
  /** Where the service caps the input below the context window (OpenAI's 272k of 400k, Copilot's windows). */
  maxInput?: number;
  maxOutput?: number;
  tools?: boolean;
  vision?: boolean;
  reasoning?: boolean;
  cost?: { input: number; output: number; cacheRead?: number; cacheWrite?: number };
}

/** `[contextWindow, maxInput, maxOutput, flags, input, output, cacheRead, cacheWrite]`; 0 where the source gives nothing, trailing zeros cut. */
export type CatalogRow = number[];

export interface CatalogSnapshot {
  about: string;
  /** Where the data came from (repository, path and commit, or URL). */
  source: string;
  /** The day the source's data was generated (YYYY-MM-DD). */
  sourceDate: string;
  fields: string;
  /** Skynet provider id → model id → row. */
  providers: Record<string, Record<string, CatalogRow>>;
}

const TOOLS = 1;
const VISION = 2;
const REASONING = 4;
/** A row without prices: the source gave none (not a free model). */
const NO_COST = 8;

export const ROW_FIELDS =
  'contextWindow, maxInput (0: the whole window), maxOutput, flags (1 tools, 2 image input, 4 reasoning, 8 no price known), USD per 1M tokens: input, output, cacheRead, cacheWrite; 0 = not given';

export function encodeRow(model: CatalogModel): CatalogRow {
  const flags =
    (model.tools ? TOOLS : 0) |
    (model.vision ? VISION : 0) |
    (model.reasoning ? REASONING : 0) |
    (model.cost ? 0 : NO_COST);
  const maxInput = model.maxInput !== undefined && model.maxInput !== model.contextWindow ? model.maxInput : 0;
  const row = [model.contextWindow ?? 0, maxInput, model.maxOutput ?? 0, flags];
  if (model.cost) row.push(model.cost.input, model.cost.output, model.cost.cacheRead ?? 0, model.cost.cacheWrite ?? 0);
  while (row.length > 6 && row[row.length - 1] === 0) row.pop();
  return row;
}

export function decodeRow(row: CatalogRow): CatalogModel {
  const [contextWindow, maxInput, maxOutput, flags = NO_COST, input = 0, output = 0, cacheRead = 0, cacheWrite = 0] =
    row;
  const model: CatalogModel = {
    tools: (flags & TOOLS) !== 0,
    vision: (flags & VISION) !== 0,
    reasoning: (flags & REASONING) !== 0,
  };
  if (contextWindow) model.contextWindow = contextWindow;
  if (maxInput) model.maxInput = maxInput;
  if (maxOutput) model.maxOutput = maxOutput;
  if (!(flags & NO_COST)) {
    model.cost = { input, output };
    if (cacheRead) model.cost.cacheRead = cacheRead;
    if (cacheWrite) model.cost.cacheWrite = cacheWrite;
  }
  return model;
}
