import type { ModelInfo } from '../providers/types';
import { iconLabelText } from '../util/terminalText';

/** One row of "Choose Model…": a quick pick item (vscode-free, so it is tested in plain Node) and the id it writes. */
export interface ModelPickItem {
  label: string;
  description?: string;
  detail?: string;
  modelId: string;
  current: boolean;
  /** Shown whatever the filter text (the free-text row). */
  alwaysShow?: boolean;
}

/** `200K`, `128K`, `1M`, `1.5M` (binary or decimal sizes, as providers use both). */
export function formatTokenCount(tokens: number): string {
  const scaled = (unit: number, binary: number, suffix: string): string | undefined => {
    const value = tokens % binary === 0 ? tokens / binary : tokens / unit;
    return value >= 1 ? `${Math.round(value * 10) / 10}${suffix}` : undefined;
  };
  return scaled(1_000_000, 1_048_576, 'M') ?? scaled(1_000, 1_024, 'K') ?? String(tokens);
}

/** "200K context · tools, vision": what is known of the model, or undefined. */
export function describeModel(model: ModelInfo): string | undefined {
  const capabilities = model.capabilities ?? {};
  const can = [
    capabilities.toolCalling && 'tools',
    capabilities.vision && 'vision',
    capabilities.reasoning && 'reasoning',
  ].filter(Boolean);
  const parts = [
    model.contextWindow ? `${formatTokenCount(model.contextWindow)} context` : undefined,
    can.length > 0 ? can.join(', ') : undefined,
  ];
  return parts.filter(Boolean).join(' · ') || undefined;
}

/**
 * The models to choose from: the slot's current model first (marked, and listed even when the provider does not
 * list it), then the rest in the provider's order, without repeats. The label is the id (what is written); a
 * different display name goes in the detail line.
 */
export function modelPickItems(models: readonly ModelInfo[], current: string): ModelPickItem[] {
  const seen = new Set<string>();
  const unique = models.filter((model) => model.id && !seen.has(model.id) && seen.add(model.id));
  const currentModel = unique.find((model) => model.id === current) ?? { id: current };
  const ordered = [currentModel, ...unique.filter((model) => model !== currentModel)];
  return ordered.map((model) => {
    const isCurrent = model.id === current;
    const known = describeModel(model);
    return {
      label: isCurrent ? `$(check) ${iconLabelText(model.id)}` : iconLabelText(model.id),
      description: [isCurrent ? 'current' : undefined, known].filter(Boolean).join(' · ') || undefined,
      detail: model.name && model.name !== model.id ? iconLabelText(model.name) : undefined,
      modelId: model.id,
      current: isCurrent,
    };
  });
}

/** The free-text row for an id the list does not have (some providers list only a few); undefined when listed or empty. */
export function typedModelItem(typed: string, items: readonly ModelPickItem[]): ModelPickItem | undefined {
  const id = typed.trim();
  if (!id || items.some((item) => item.modelId === id)) return undefined;
  return {
    label: `$(edit) Use '${iconLabelText(id)}'`,
    description: 'a model id the provider did not list',
    modelId: id,
    current: false,
    alwaysShow: true,
  };
}
