import { azureFamily } from './azureFamily';
import { bedrockFamily, vertexFamily } from './cloudFamilies';
import type { Family } from './family';

/** Families whose providers land later (Bedrock, Vertex, Azure OpenAI) are added here. */
export const extraFamilies: Family[] = [bedrockFamily, vertexFamily, azureFamily];
