import { RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";

/**
 * An SNS topic encrypted with a key of its own, TLS only. An AWS service may publish to an encrypted topic
 * only with a customer-managed key whose policy lets it, so the publisher is named here.
 */
export function encryptedTopic(
  scope: Construct,
  ids: { key: string; topic: string },
  props: { publisher: string; keyDescription: string; displayName: string },
): sns.Topic {
  const key = new kms.Key(scope, ids.key, {
    description: props.keyDescription,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(props.publisher)],
      actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
      resources: ["*"],
    }),
  );
  return new sns.Topic(scope, ids.topic, {
    displayName: props.displayName,
    masterKey: key,
    enforceSSL: true,
  });
}
