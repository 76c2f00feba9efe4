/**
 * Where and how each stage is deployed, committed in infra/stages/<stage>.json rather than passed as CLI
 * flags, so staging and production are reviewed like code. `-c stage=<name>` picks one; without it the app
 * builds the `dev` stage, which only synthesises (for tests and a look at the template): its templates carry
 * a CloudFormation rule that refuses to deploy, and it may use an example domain, which every other stage
 * is refused.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";

export const STAGE_NAMES = ["dev", "staging", "production"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

const CLOUDFRONT_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/;

export const stageSchema = z.object({
  name: z.enum(STAGE_NAMES),
  /** The AWS account to deploy to; unset, the one the credentials belong to. */
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  /** The region of the table, the functions and the site's bucket (CloudFront's certificate is in us-east-1). */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
  /** Where donors reach the site, e.g. give.council.org.sa: the certificate, the alias, e-mail and links. */
  domain: z
    .string()
    .regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lower-case host name"),
  /** A Route 53 hosted zone for the domain: then the stack validates the certificate and adds the records. */
  hostedZone: z.object({ id: z.string().regex(/^Z[A-Z0-9]+$/), name: z.string() }).optional(),
  /** Who is told when an alarm goes off (an SNS e-mail subscription, confirmed from the first message). */
  alarmEmail: z.email(),
  /** A CloudFront WAFv2 web ACL (created in us-east-1, outside these stacks). */
  webAclArn: z
    .string()
    .regex(CLOUDFRONT_WEB_ACL_ARN, "a CloudFront-scoped WAFv2 web ACL in us-east-1")
    .optional(),
  /** Cloudflare Turnstile's public site key (the site must be built with the same one). */
  turnstileSiteKey: z.string().min(1).optional(),
  /**
   * "owner/name" of the GitHub repository whose workflow deploys the stage: the stack then has the role
   * its jobs in the GitHub environment of the stage's name assume (infra/lib/deploy-role.ts).
   */
  githubRepository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, "owner/name")
    .optional(),
});

export type Stage = z.infer<typeof stageSchema>;

/** The synthesis-only stage: the example host of the README, in the default region. */
export const DEV_STAGE: Stage = {
  name: "dev",
  region: "me-central-1",
  domain: "give.example.org",
  alarmEmail: "alerts@example.org",
};

/** Host names reserved for examples and tests (RFC 2606, RFC 6761): never a real deployment's. */
export function isExampleHost(host: string): boolean {
  return /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|test|invalid|localhost)$/.test(host);
}

export const stageFile = (name: string) => new URL(`./stages/${name}.json`, import.meta.url).pathname;

/** A stage as committed, checked: a stage that deploys must have the council's own domain and alarm address. */
export function checkStage(stage: unknown): Stage {
  const parsed = stageSchema.parse(stage);
  if (parsed.name !== "dev") {
    const examples = [parsed.domain, parsed.alarmEmail.split("@")[1] ?? ""].filter(isExampleHost);
    if (examples.length > 0) {
      throw new Error(
        `The ${parsed.name} stage still has example values (${examples.join(", ")}): set the council's own domain ` +
          `and alarm e-mail in infra/stages/${parsed.name}.json before synthesising it (docs/deploy.md).`,
      );
    }
  }
  const zone = parsed.hostedZone?.name.replace(/\.$/, "");
  if (zone && parsed.domain !== zone && !parsed.domain.endsWith(`.${zone}`))
    throw new Error(`The hosted zone ${zone} does not hold ${parsed.domain}`);
  return parsed;
}

/** The stage `-c stage=<name>` names (infra/stages/<name>.json), or the dev stage without one. */
export function loadStage(name: string | undefined): Stage {
  if (name === undefined || name === "dev") return DEV_STAGE;
  if (!(STAGE_NAMES as readonly string[]).includes(name))
    throw new Error(`Unknown stage "${name}": one of ${STAGE_NAMES.join(", ")}`);
  const file = stageFile(name);
  if (!existsSync(file)) throw new Error(`No configuration for the ${name} stage: ${file}`);
  return checkStage(JSON.parse(readFileSync(file, "utf8")));
}
