import { Validations } from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * Acknowledges cdk-nag findings on a construct (and what it contains), each with its reason. Ids name one
 * finding where a rule reports several, e.g. `AwsSolutions-IAM5[Resource::*]`.
 */
export function acknowledgeFindings(scope: IConstruct, reasons: Record<string, string>): void {
  for (const [id, reason] of Object.entries(reasons)) Validations.of(scope).acknowledge({ id, reason });
}
