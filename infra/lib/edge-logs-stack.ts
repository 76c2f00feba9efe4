import { Stack, type StackProps } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import type { Stage } from "../stages.ts";

/** The delivery source's name, which the log bucket's policy names too (at most 60 characters). */
export const cloudFrontDeliverySourceName = (stage: Stage) => `athar-${stage.name}-cloudfront-access`;

/**
 * CloudFront's standard logging (v2): its access logs, delivered by CloudWatch's vended logs to the log
 * bucket in the stage's own region (legacy logging cannot deliver to an opt-in region such as
 * me-central-1, and would keep viewers' addresses outside it). CloudFront being global, the delivery
 * source, destination and delivery must be in us-east-1: this stack, deployed after the main one.
 */
export class AtharEdgeLogsStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: Stage; distributionArn: string; logBucketArn: string },
  ) {
    super(scope, id, props);
    const source = new logs.CfnDeliverySource(this, "Source", {
      name: cloudFrontDeliverySourceName(props.stage),
      logType: "ACCESS_LOGS",
      resourceArn: props.distributionArn,
    });
    const destination = new logs.CfnDeliveryDestination(this, "Destination", {
      name: `athar-${props.stage.name}-cloudfront-s3`,
      destinationResourceArn: props.logBucketArn,
      outputFormat: "w3c",
    });
    const delivery = new logs.CfnDelivery(this, "Delivery", {
      deliverySourceName: source.name,
      deliveryDestinationArn: destination.attrArn,
    });
    delivery.addResourceDependency(source);
  }
}
