/**
 * Each handler group's IAM policies as the synthesised template gives them, with CloudFormation's
 * intrinsic functions resolved to concrete ARNs of one imagined deployment, and AWS's own evaluation of a
 * request against them (the offline simulator @cloud-copilot/iam-simulate). So a test can ask of every
 * DynamoDB call a group really made: would AWS allow it?
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { Template } from "aws-cdk-lib/assertions";
import { HANDLER_GROUPS, type HandlerGroup } from "../../functions/routes.ts";

export const ACCOUNT = "111122223333";
export const REGION = "me-central-1";
export const TABLE_NAME = "Athar-Table";
export const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${TABLE_NAME}`;

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}
type PolicyDocument = { Version: string; Statement: Record<string, unknown>[] };

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::Region": REGION,
  "AWS::AccountId": ACCOUNT,
  "AWS::URLSuffix": "amazonaws.com",
};

/** The ARN a resource of the template would have in the imagined deployment. */
function arnOf(id: string, resource: Resource | undefined, attribute = "Arn"): string {
  if (resource?.Type === "AWS::DynamoDB::Table")
    return attribute === "StreamArn" ? `${TABLE_ARN}/stream/2026-01-01T00:00:00.000` : TABLE_ARN;
  if (resource?.Type === "AWS::SecretsManager::Secret")
    return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbCdEf`;
  const service = (resource?.Type ?? "AWS::Unknown::Thing").split("::")[1]?.toLowerCase();
  return `arn:aws:${service}:${REGION}:${ACCOUNT}:${id}`;
}

/** Resolves Ref, Fn::GetAtt and Fn::Join (all the policies use) against the template's resources. */
export function resolveIntrinsics(value: unknown, resources: Record<string, Resource>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, resources));
  if (value === null || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if ("Ref" in object) {
    const name = String(object.Ref);
    return PSEUDO[name] ?? arnOf(name, resources[name]);
  }
  if ("Fn::GetAtt" in object) {
    const [id, attribute] = object["Fn::GetAtt"] as [string, string];
    return arnOf(id, resources[id], attribute);
  }
  if ("Fn::Join" in object) {
    const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
    return parts.map((part) => String(resolveIntrinsics(part, resources))).join(separator);
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, item]) => [key, resolveIntrinsics(item, resources)]),
  );
}

/** Every identity policy of each group's function role, resolved. */
export function groupPolicies(template: Template): Map<HandlerGroup, PolicyDocument[]> {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const functions = Object.entries(resources).filter(
    ([, resource]) => resource.Type === "AWS::Lambda::Function",
  );
  const policies = new Map<HandlerGroup, PolicyDocument[]>();
  for (const group of Object.keys(HANDLER_GROUPS) as HandlerGroup[]) {
    const found = functions.find(
      ([, fn]) => fn.Properties.Description === `Athar: ${HANDLER_GROUPS[group].description}`,
    );
    if (!found) throw new Error(`no function for the ${group} group in the template`);
    const roleId = (found[1].Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    const documents = Object.values(resources)
      .filter(
        (resource) =>
          resource.Type === "AWS::IAM::Policy" &&
          (resource.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
      )
      .map((policy) => resolveIntrinsics(policy.Properties.PolicyDocument, resources) as PolicyDocument);
    policies.set(group, documents);
  }
  return policies;
}

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** What AWS would decide for `action` on `resourceArn` by a role holding exactly `policies`. */
export async function decide(
  policies: PolicyDocument[],
  action: string,
  resourceArn: string,
): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/athar-function`,
        action,
        resource: { resource: resourceArn, accountId: ACCOUNT },
        contextVariables: {},
      },
      identityPolicies: policies.map((policy, index) => ({ name: `policy${index}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType === "error") {
    throw new Error(
      `the simulation of ${action} on ${resourceArn} is invalid: ${JSON.stringify(response.errors)}`,
    );
  }
  return response.overallResult as Decision;
}
