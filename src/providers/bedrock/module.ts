import { describeAwsAuthProblem } from '../../auth/aws/awsCredentials';
import type { ProviderModule } from '../types';
import { slotOfKind } from '../slotOfKind';
import { createBedrockClient } from './client';

/** `[providers.bedrock]`: unavailable until the AWS credential chain (or a Bedrock API key) yields credentials and a region. */
export const bedrockModule: ProviderModule = {
  create: (slot, deps) => createBedrockClient(slotOfKind(slot, 'bedrock'), deps),
  async preflight(config, deps) {
    const slot = slotOfKind(config, 'bedrock');
    const problem = await describeAwsAuthProblem({
      region: slot.region,
      profile: slot.profile,
      env: deps.env,
      homeDir: deps.homeDir,
      now: deps.now,
    });
    return problem ? `${slot.id}: ${problem}` : undefined;
  },
};
