import type { BedrockSlot } from '../../config/types';
import { bedrockDescriptor } from './descriptor';

/** SigV4 service name of the Bedrock runtime. */
export const BEDROCK_SIGNING_SERVICE = 'bedrock';

/**
 * The runtime endpoint: the slot's `base_url` (VPC endpoints, proxies, tests) or the region's public host.
 * A `{region}` placeholder in the base (the registry's template) is filled with the resolved region.
 */
export function bedrockEndpoint(slot: Pick<BedrockSlot, 'baseUrl'>, region: string): string {
  return (slot.baseUrl || bedrockDescriptor.baseUrl).replace(/\{region\}/g, region).replace(/\/+$/, '');
}

/** `/model/{id}/{action}`; the id is URL-encoded (`:` in versioned ids becomes `%3A`). */
export function bedrockModelPath(model: string, action: 'converse' | 'converse-stream'): string {
  return `/model/${encodeURIComponent(model)}/${action}`;
}
