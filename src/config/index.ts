export { parseConfig } from './parseConfig';
export {
  findWorkspaceConfig,
  findCliConfig,
  loadConfigFile,
  userConfigFile,
  CONFIG_FILE_NAME,
  ENVIRONMENT_CONFIG,
} from './discovery';
export {
  appendProviderTable,
  removeApiKey,
  removeKey,
  setKey,
  setSlotModel,
  type EditResult,
  type NewProviderTable,
} from './edit';
export { skynetJsonSchema } from './schema';
export type { KnownProviders } from './knownProviders';
export * from './types';
