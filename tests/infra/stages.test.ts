/**
 * Stages (infra/stages.ts, infra/stages/*.json) and what they make: the certificate in us-east-1, the
 * domain on the distribution, its DNS records, CloudFront's v2 access logs delivered in the stage's region,
 * the stage in every stack's name, and a dev stage that synthesises but cannot be deployed.
 */
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { checkStage, DEV_STAGE, isExampleHost, loadStage } from "../../infra/stages.ts";
import {
  type CfnResource,
  COUNCIL_STAGE,
  resourcesOfType,
  standInSiteDir,
  synthesizeAthar,
} from "./synth.ts";

describe("stage configuration", () => {
  it("refuses to synthesise staging or production while they hold the committed example values", () => {
    for (const name of ["staging", "production"]) {
      expect(() => loadStage(name)).toThrow(
        new RegExp(`The ${name} stage still has example values .*infra/stages/${name}\\.json`),
      );
    }
    expect(() => checkStage({ ...COUNCIL_STAGE, alarmEmail: "alerts@example.com" })).toThrow(/example\.com/);
    expect(checkStage(COUNCIL_STAGE)).toMatchObject({ name: "production", region: "me-central-1" });
  });

  it("builds the dev stage without -c stage, and knows no other stage", () => {
    expect(loadStage(undefined)).toEqual(DEV_STAGE);
    expect(() => loadStage("prod")).toThrow(/Unknown stage "prod"/);
  });

  it("tells example hosts from real ones", () => {
    for (const host of ["give.example.org", "example.com", "a.b.example.net", "x.test", "site.invalid"])
      expect(isExampleHost(host), host).toBe(true);
    for (const host of ["give.madinah-charities.org.sa", "examples.org", "myexample.com"])
      expect(isExampleHost(host), host).toBe(false);
  });

  it("checks the hosted zone holds the domain, and the WAF is CloudFront's", () => {
    expect(() =>
      checkStage({ ...COUNCIL_STAGE, hostedZone: { id: "Z0123456789ABCDEFGHIJ", name: "other.org.sa" } }),
    ).toThrow(/does not hold give\.madinah-charities\.org\.sa/);
    expect(() =>
      checkStage({ ...COUNCIL_STAGE, webAclArn: "arn:aws:wafv2:me-central-1:1:regional/webacl/x/y" }),
    ).toThrow(/CloudFront-scoped WAFv2 web ACL in us-east-1/);
  });
});

describe("a council's stage, synthesised", () => {
  let synthesized: ReturnType<typeof synthesizeAthar>;
  beforeAll(() => {
    synthesized = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false, stage: COUNCIL_STAGE });
  });

  it("names every stack after the stage, each in its region", () => {
    expect(
      [synthesized.certificate, synthesized.stack, synthesized.logs].map((s) => [s.stackName, s.region]),
    ).toEqual([
      ["Athar-production-Certificate", "us-east-1"],
      ["Athar-production", "me-central-1"],
      ["Athar-production-EdgeLogs", "us-east-1"],
    ]);
    synthesized.template.hasResourceProperties("AWS::Cognito::UserPool", {
      UserPoolName: "athar-staff-production",
    });
  });

  it("validates the certificate in us-east-1 through the stage's zone", () => {
    synthesized.certificateTemplate.hasResourceProperties("AWS::CertificateManager::Certificate", {
      DomainName: COUNCIL_STAGE.domain,
      ValidationMethod: "DNS",
      DomainValidationOptions: [
        { DomainName: COUNCIL_STAGE.domain, HostedZoneId: COUNCIL_STAGE.hostedZone.id },
      ],
    });
  });

  it("serves the domain with that certificate and TLS 1.2 at least, and points the zone at it (IPv4 and IPv6)", () => {
    const [[, distribution]] = resourcesOfType(synthesized.template, "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    const config = distribution.Properties.DistributionConfig as Record<string, unknown>;
    expect(config.Aliases).toEqual([COUNCIL_STAGE.domain]);
    expect(config.ViewerCertificate).toMatchObject({
      MinimumProtocolVersion: "TLSv1.2_2021",
      SslSupportMethod: "sni-only",
      AcmCertificateArn: expect.anything(),
    });
    // The certificate's ARN crosses from us-east-1 through CDK's cross-region reference (SSM).
    expect(JSON.stringify(config.ViewerCertificate)).toContain("Certificate");
    for (const type of ["A", "AAAA"]) {
      synthesized.template.hasResourceProperties("AWS::Route53::RecordSet", {
        Name: `${COUNCIL_STAGE.domain}.`,
        Type: type,
        HostedZoneId: COUNCIL_STAGE.hostedZone.id,
        AliasTarget: Match.objectLike({
          DNSName: { "Fn::GetAtt": [Match.stringLikeRegexp("^SiteDistribution"), "DomainName"] },
        }),
      });
    }
    expect(Object.keys(synthesized.template.findOutputs("DnsRecord"))).toEqual([]);
  });

  it("logs with CloudFront's standard logging v2 into the log bucket in the stage's region, not legacy logging", () => {
    const [[, distribution]] = resourcesOfType(synthesized.template, "AWS::CloudFront::Distribution") as [
      [string, CfnResource],
    ];
    expect((distribution.Properties.DistributionConfig as Record<string, unknown>).Logging).toBeUndefined();
    synthesized.logsTemplate.hasResourceProperties("AWS::Logs::DeliverySource", {
      Name: "athar-production-cloudfront-access",
      LogType: "ACCESS_LOGS",
    });
    synthesized.logsTemplate.hasResourceProperties("AWS::Logs::Delivery", {
      DeliverySourceName: "athar-production-cloudfront-access",
      DeliveryDestinationArn: { "Fn::GetAtt": ["Destination", "Arn"] },
    });
    // The destination is the log bucket of the main stack, whose policy lets only that source write.
    const destination = resourcesOfType(synthesized.logsTemplate, "AWS::Logs::DeliveryDestination")[0]?.[1];
    expect(JSON.stringify(destination?.Properties.DestinationResourceArn)).toContain("SiteLogs");
    synthesized.template.hasResourceProperties("AWS::S3::BucketPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: "CloudFrontAccessLogsDelivery",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Condition: {
              StringEquals: Match.objectLike({ "s3:x-amz-acl": "bucket-owner-full-control" }),
              ArnLike: {
                "aws:SourceArn": Match.objectLike({
                  "Fn::Join": ["", Match.arrayWith([":delivery-source:athar-production-cloudfront-access"])],
                }),
              },
            },
          }),
        ]),
      },
    });
  });

  it("can be deployed: no refusal rule", () => {
    for (const template of [synthesized.template, synthesized.certificateTemplate, synthesized.logsTemplate])
      expect(Object.keys(template.toJSON().Rules ?? {})).toEqual(["CheckBootstrapVersion"]);
  });
});

describe("the dev stage, synthesised", () => {
  let synthesized: ReturnType<typeof synthesizeAthar>;
  beforeAll(() => {
    synthesized = synthesizeAthar({ siteDir: standInSiteDir(), bundle: false });
  });

  it("carries, in each of its templates, a rule that makes CloudFormation refuse to deploy it", () => {
    for (const template of [
      synthesized.template,
      synthesized.certificateTemplate,
      synthesized.logsTemplate,
    ]) {
      expect(template.toJSON().Rules.DevStageIsNotDeployable).toEqual({
        Assertions: [
          {
            Assert: { "Fn::Equals": ["dev", "deployable"] },
            AssertDescription: expect.stringMatching(/only synthesises/),
          },
        ],
      });
    }
  });

  it("says which DNS record to add when the stage has no Route 53 zone", () => {
    const outputs = synthesized.template.findOutputs("DnsRecord");
    expect(JSON.stringify(outputs)).toContain("give.example.org. CNAME ");
    synthesized.template.resourceCountIs("AWS::Route53::RecordSet", 0);
  });
});
