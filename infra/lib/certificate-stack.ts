import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as route53 from "aws-cdk-lib/aws-route53";
import type { Construct } from "constructs";
import type { Stage } from "../stages.ts";

/**
 * CloudFront takes its certificate from us-east-1 only, so the site's certificate lives in a stack of its
 * own there, deployed before the main one. DNS-validated: by the stage's Route 53 zone when it has one;
 * otherwise ACM shows the CNAME to add (in the console, and the stack waits until it is there).
 */
export class AtharCertificateStack extends Stack {
  readonly certificate: acm.Certificate;

  constructor(scope: Construct, id: string, props: StackProps & { stage: Stage }) {
    super(scope, id, props);
    const { hostedZone, domain } = props.stage;
    const zone = hostedZone
      ? route53.HostedZone.fromHostedZoneAttributes(this, "Zone", {
          hostedZoneId: hostedZone.id,
          zoneName: hostedZone.name.replace(/\.$/, ""),
        })
      : undefined;
    this.certificate = new acm.Certificate(this, "Certificate", {
      domainName: domain,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    new CfnOutput(this, "CertificateArn", { value: this.certificate.certificateArn });
  }
}
