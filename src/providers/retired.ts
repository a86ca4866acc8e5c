import type { RetiredService } from '../config/knownProviders';
import type { Sourced } from './descriptor';

/** A provider that no longer serves the public: what ended, what to use instead, and where that was checked. */
export interface RetiredProvider extends RetiredService {
  source: Sourced;
}

/**
 * Registry ids and tables whose service is gone. A registry id here is refused by config parsing (and so by
 * `skynet check`) unless the slot names its own base_url; a table here is read but warned about.
 */
export const RETIRED_PROVIDERS: Readonly<Record<string, RetiredProvider>> = {
  lepton: {
    name: 'Lepton AI',
    ended:
      'NVIDIA bought Lepton in April 2025; DGX Cloud Lepton serves dedicated endpoints only, and llm.lepton.ai no longer answers',
    instead:
      'NVIDIA NIM (an openai_compat entry with base_url = "https://integrate.api.nvidia.com/v1"), or your own DGX Cloud Lepton endpoint as its base_url',
    source: { checked: '2026-12-05', source: 'docs.nvidia.com/dgx-cloud/lepton; ../shared/reviews/providers.md' },
  },
  qwen_oauth: {
    name: 'Qwen (sign-in)',
    ended: 'the Qwen OAuth free tier was discontinued on 2026-04-15, and its tokens are refused (401)',
    instead: '[[providers.openai_compat]] with id = "qwen" and an Alibaba Cloud Model Studio (DashScope) API key',
    source: { checked: '2026-12-05', source: 'QwenLM/qwen-code#3210 and #3203' },
  },
};
