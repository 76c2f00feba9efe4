import { Aws, CfnOutput, Stack, Token } from "aws-cdk-lib";
import type * as cloudfront from "aws-cdk-lib/aws-cloudfront";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as s3 from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { acknowledgeFindings } from "./nag.ts";

/** GitHub's OIDC issuer: created once per account (docs/deploy.md, "The pipeline"). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

export interface AtharDeployRoleProps {
  stageName: string;
  /** "owner/name" of the repository whose workflow deploys this stage. */
  githubRepository: string;
  bucket: s3.Bucket;
  distribution: cloudfront.IDistribution;
}

/**
 * The role .github/workflows/deploy.yml assumes with GitHub's OIDC token, only from a job of this
 * repository running in this stage's GitHub environment (so production's waits for its reviewers). It
 * deploys through the CDK bootstrap roles, and for a content-only deploy syncs the site's bucket,
 * invalidates the distribution and reads the stack's outputs. No key exists to leak.
 */
export class AtharDeployRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: AtharDeployRoleProps) {
    super(scope, id);
    const provider = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${GITHUB_OIDC_HOST}`;
    this.role = new iam.Role(this, "Role", {
      roleName: `athar-${props.stageName}-deploy`,
      description: `Athar (${props.stageName}): GitHub Actions deploys of ${props.githubRepository}`,
      assumedBy: new iam.WebIdentityPrincipal(provider, {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: "sts.amazonaws.com",
          [`${GITHUB_OIDC_HOST}:sub`]: `repo:${props.githubRepository}:environment:${props.stageName}`,
        },
      }),
    });
    const stack = Stack.of(this);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: "DeployThroughCdkBootstrapRoles",
        actions: ["sts:AssumeRole"],
        resources: [
          `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/cdk-hnb659fds-*-role-${Aws.ACCOUNT_ID}-*`,
        ],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: "ReadTheStacksOutputs",
        actions: ["cloudformation:DescribeStacks"],
        resources: [
          stack.formatArn({
            service: "cloudformation",
            resource: "stack",
            resourceName: `${stack.stackName}/*`,
          }),
        ],
      }),
    );
    props.bucket.grantReadWrite(this.role);
    props.bucket.grantDelete(this.role);
    props.distribution.grantCreateInvalidation(this.role);
    // cdk-nag names resources as the template does: the region when the stage gives it, the bucket by logical id.
    const region = Token.isUnresolved(stack.region) ? "<AWS::Region>" : stack.region;
    const bucketId = stack.getLogicalId(props.bucket.node.defaultChild as s3.CfnBucket);
    acknowledgeFindings(this.role, {
      "AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-hnb659fds-*-role-<AWS::AccountId>-*]":
        "CDK's bootstrap roles (deploy, file publishing, lookup) in the stage's region and us-east-1; their " +
        "names differ only by kind and region.",
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:${region}:<AWS::AccountId>:stack/${stack.stackName}/*]`]:
        "This stack, whatever its CloudFormation id suffix.",
      [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`]:
        "The site's files, every one of which a deploy may replace.",
      "AwsSolutions-IAM5[Action::s3:GetObject*]": "Syncing the site compares and reads the bucket's objects.",
      "AwsSolutions-IAM5[Action::s3:GetBucket*]": "Syncing the site lists the bucket.",
      "AwsSolutions-IAM5[Action::s3:List*]": "Syncing the site lists the bucket.",
      "AwsSolutions-IAM5[Action::s3:DeleteObject*]": "Syncing prunes files the new build no longer has.",
      "AwsSolutions-IAM5[Action::s3:Abort*]": "Uploads of large files are multipart.",
    });
    new CfnOutput(stack, "DeployRoleArn", {
      value: this.role.roleArn,
      description: "The GitHub environment's variable AWS_DEPLOY_ROLE_ARN (docs/deploy.md, The pipeline)",
    });
  }
}
