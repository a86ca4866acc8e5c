import { GOOGLE_TOKEN_URI } from '../../auth/google/googleServiceAccount';
import type { ServiceAddressRule } from '../../auth/serviceAddress';
import { isWorkspaceFile } from '../../auth/workspaceFiles';
import type { VertexSlot } from '../../config/types';
import type { NativeDescriptor, ProviderNotes } from '../descriptor';

export const vertexDescriptor: NativeDescriptor<'vertex'> & { location: string } = {
  id: 'vertex',
  kind: 'vertex',
  name: 'Google Vertex AI',
  group: 'cloud',
  baseUrl: 'https://{location}-aiplatform.googleapis.com',
  location: 'us-central1',
  regions: [
    { name: 'global', baseUrl: 'https://aiplatform.googleapis.com' },
    { name: 'EU multi-region (location = "eu")', baseUrl: 'https://aiplatform.eu.rep.googleapis.com' },
    { name: 'US multi-region (location = "us")', baseUrl: 'https://aiplatform.us.rep.googleapis.com' },
  ],
  defaultModel: 'gemini-3.8-flash',
  credential: {
    what: 'Google service-account key file (JWT exchanged for an access token)',
    authOrigins: [new URL(GOOGLE_TOKEN_URI).origin],
  },
  slotCredential: {
    userCredential(slot, context) {
      const written = slot.keyFile || context.env.GOOGLE_APPLICATION_CREDENTIALS;
      if (!written) return 'your Google credentials';
      return isWorkspaceFile(written, context) ? undefined : `your Google service-account key (${written})`;
    },
    secret: (slot) =>
      slot.baseUrl
        ? {
            secretId: vertexSecretId(slot),
            secretLabel: 'your Google service-account credentials',
            destinations: [{ url: slot.baseUrl, own: /(^|\.)googleapis\.com$/ }],
          }
        : undefined,
    identity: (slot) => ({ keyFile: slot.keyFile, projectId: slot.projectId, location: slot.location }),
  },
  models: { kind: 'known' },
  setup: { summary: 'service-account key file', asks: ['projectId', 'location', 'keyFile', 'model'] },
};

/**
 * Where a service-account key file's `token_uri` may take the signed assertion: Google's token endpoint,
 * oauth2.googleapis.com (google-auth-library-nodejs: `JWT.fromJSON` reads no token_uri at all and gtoken posts to
 * https://oauth2.googleapis.com/token; current key files name it), or accounts.google.com (older key files' token_uri),
 * checked 2026-12-05; or one of the slot's configured addresses. Anything else needs the user's approval.
 */
export function vertexTokenUriRule(slot: VertexSlot): ServiceAddressRule {
  return {
    slotId: slot.id,
    namedBy: `The service-account key file's token_uri (${slot.keyFile ?? 'GOOGLE_APPLICATION_CREDENTIALS'})`,
    secretId: vertexSecretId(slot),
    secretLabel: 'your Google service-account credentials (a signed token request)',
    ownHost: (hostname) => ['oauth2.googleapis.com', 'accounts.google.com'].includes(hostname.toLowerCase()),
    configured: [slot.baseUrl],
  };
}

/** The approval id of a Vertex slot's Google credentials: its key file, or the environment's. */
function vertexSecretId(slot: Pick<VertexSlot, 'keyFile'>): string {
  return `gcp:${slot.keyFile ?? 'GOOGLE_APPLICATION_CREDENTIALS'}`;
}

/** For docs/providers.md and the tests only (providerNotes.ts): not in the extension bundle. */
export const vertexNotes: ProviderNotes = {
  defaultModelSource: {
    checked: '2026-12-05',
    source:
      'models.dev via cline/cline sdk/packages/llms/src/providers/providers.generated.ts@04551d4 (gemini); gemini-2.0-flash shut down (ai.google.dev/gemini-api/docs/deprecations)',
  },
  modelsNote: 'Vertex has no list of publisher models per project; the configured model is offered',
};
