import type { ProviderKind } from '../config/types';
import type { ProviderModule } from './types';
import { anthropicModule } from './anthropic/module';
import { azureModule } from './azure/module';
import { ollamaModule } from './ollama/module';
import { openaiModule } from './openai/module';
import { openaiCompatModule } from './openaiCompatible/module';
import { copilotModule } from './copilot/module';
import { qwenOAuthModule } from './qwen/module';
import { bedrockModule } from './bedrock/module';
import { vertexModule } from './vertex/module';

/** One line per provider family: where clients are created. */
export const providerModules: Record<ProviderKind, ProviderModule> = {
  'openai-compat': openaiCompatModule,
  openai: openaiModule,
  azure: azureModule,
  copilot: copilotModule,
  'qwen-oauth': qwenOAuthModule,
  anthropic: anthropicModule,
  ollama: ollamaModule,
  bedrock: bedrockModule,
  vertex: vertexModule,
};
