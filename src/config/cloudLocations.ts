/**
 * The documented shapes of the names that become part of a cloud host name: a Bedrock `region` builds
 * `bedrock-runtime.{region}.amazonaws.com` (and the STS and SSO hosts), a Vertex `location` builds
 * `{location}-aiplatform.googleapis.com`. Anything else could move the host (`x@evil:443/#` makes the URL's host
 * `evil`), so these are checked before any URL is built, in the config and again where a region comes from
 * the environment or ~/.aws/config.
 */

/**
 * AWS regions, one alternative per partition's `regionRegex` (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b,
 * aws-iso-e, aws-iso-f, aws-eusc), with `\w` narrowed to lower-case letters as every region name is written.
 * Source: AWS SDK for JavaScript v3, @aws-sdk/core …/util-endpoints/lib/aws/partitions.json (checked 2026-12-05).
 */
export const AWS_REGION =
  /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-[a-z]+-\d{1,2}|us-gov-[a-z]+-\d{1,2}|us-iso[bf]?-[a-z]+-\d{1,2}|eu-isoe-[a-z]+-\d{1,2}|eusc-de-[a-z]+-\d{1,2})$/;

/**
 * Vertex AI locations: a region (`us-central1`, `europe-west4`, `northamerica-northeast1`), `global`, or the
 * multi-regions `us` and `eu` (served at `aiplatform.{us|eu}.rep.googleapis.com`).
 * Source: https://docs.cloud.google.com/vertex-ai/docs/generative-ai/learn/locations (checked 2026-12-05).
 */
export const VERTEX_LOCATION = /^(?:[a-z]+-[a-z]+\d{1,2}|global|us|eu)$/;

export function awsRegionProblem(region: string): string | undefined {
  return AWS_REGION.test(region)
    ? undefined
    : `"${region}" is not an AWS region name (such as us-east-1, eu-central-2 or us-gov-west-1)`;
}

export function vertexLocationProblem(location: string): string | undefined {
  return VERTEX_LOCATION.test(location)
    ? undefined
    : `"${location}" is not a Vertex AI location (such as us-central1, europe-west4, global, us or eu)`;
}
