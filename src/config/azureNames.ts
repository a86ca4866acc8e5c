/**
 * The Azure names that become part of a URL: the resource name is the first label of the host
 * (`{resource}.openai.azure.com`), a deployment name a path segment (`/openai/deployments/{deployment}/…`) or the
 * body's `model`, the api-version a query value. Anything else could move the request (`x@evil/#` as a resource
 * makes the host `evil`), so each is checked before any URL is built: in the config at line and column, and again
 * for a model a request names at run time.
 */

/**
 * A resource's custom subdomain: letters, digits and inner hyphens, 2 to 63 characters. Azure allows 2-64 for
 * Microsoft.CognitiveServices account names ("Alphanumerics and hyphens. Start and end with alphanumeric.",
 * learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules); a host label holds 63 at most
 * (RFC 1035), and vercel/ai's provider settings validator checks the same label shape (checked 2026-12-05).
 */
export const AZURE_RESOURCE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])$/;

/**
 * A deployment name as the Azure portal takes them (model names such as `gpt-4.1-mini` are the usual choice):
 * letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 64 characters. The stored references
 * give no formal grammar (checked 2026-12-05); this is the set seen in Microsoft Learn's examples, and nothing in it
 * can leave a path segment (no `/`, `?`, `#`, `%`, `..` alone).
 */
export const AZURE_DEPLOYMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * `api_version`: `v1` (the GA v1 API, `/openai/v1/…`, no api-version sent), `preview` (the v1 preview surface,
 * `?api-version=preview`), or a dated version for the classic deployment path, `YYYY-MM-DD` or `YYYY-MM-DD-preview`
 * (learn.microsoft.com/azure/ai-foundry/openai/api-version-lifecycle and …/openai/reference: data plane GA is v1,
 * the last dated GA inference version is 2024-10-21; checked 2026-12-05).
 */
export const AZURE_API_VERSION = /^(?:v1|preview|\d{4}-\d{2}-\d{2}(?:-preview)?)$/;

/** The current GA data-plane version: the v1 API, which needs no dated api-version. */
export const AZURE_DEFAULT_API_VERSION = 'v1';

export function azureResourceProblem(resource: string): string | undefined {
  return AZURE_RESOURCE.test(resource)
    ? undefined
    : `"${resource}" is not an Azure resource name (letters, digits and inner hyphens, 2-63 characters, e.g. contoso-openai)`;
}

export function azureDeploymentProblem(deployment: string): string | undefined {
  return AZURE_DEPLOYMENT.test(deployment)
    ? undefined
    : `"${deployment}" is not an Azure deployment name (letters, digits, ".", "_" and "-", at most 64 characters, starting with a letter or digit)`;
}

export function azureApiVersionProblem(version: string): string | undefined {
  return AZURE_API_VERSION.test(version)
    ? undefined
    : `"${version}" is not an Azure OpenAI api-version: write "v1" (default), "preview", or a dated version such as "2024-10-21" or "2025-04-01-preview"`;
}

/** Whether an api-version selects the classic `/openai/deployments/{deployment}/…` path (a dated version). */
export function isDeploymentPathVersion(version: string): boolean {
  return /^\d/.test(version);
}
