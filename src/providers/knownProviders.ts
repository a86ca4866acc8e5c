import type { KnownProviders } from '../config/knownProviders';
import { NATIVE_PROVIDERS } from './descriptors';
import { describeEndpointShape } from './openaiCompatible/endpointPath';
import { REGISTRY } from './registry';
import { RETIRED_PROVIDERS } from './retired';

/** What reading skynet.toml needs to know about the providers: pass it to `parseConfig` and `loadConfigFile`. */
export const KNOWN_PROVIDERS: KnownProviders = {
  native: NATIVE_PROVIDERS,
  registry: REGISTRY,
  retired: RETIRED_PROVIDERS,
  endpointShapeProblem: describeEndpointShape,
};
