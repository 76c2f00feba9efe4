import { z } from "zod";

/**
 * Environment of every function, validated once at cold start. Every variable is listed in .env.example.
 * Locally (no Stripe keys) payments go to the local Stripe emulator; in AWS, secrets come from Secrets Manager.
 */
export const LOCAL_STRIPE_WEBHOOK_SECRET = "whsec_athar_local_development_only";
export const LOCAL_STRIPE_SECRET_KEY = "sk_test_athar_local_development_only";

const envSchema = z
  .object({
    ATHAR_ENV: z.enum(["local", "aws"]).default("local"),
    TABLE_NAME: z.string().min(3).default("athar"),
    AWS_REGION: z.string().min(1).default("me-central-1"),
    /** DynamoDB Local's URL; unset in AWS. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    /** Where donors reach the site (success and cancel URLs are built from it). */
    PUBLIC_BASE_URL: z.url().default("http://localhost:8787"),
    /** ARN of the Secrets Manager secret holding {"secretKey","webhookSecret"} (AWS). */
    STRIPE_SECRET_ARN: z.string().startsWith("arn:").optional(),
    /** A real Stripe key for local work against Stripe's test mode; unset means local payment mode. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/)
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    /** Base URL of the local Stripe emulator in local payment mode (defaults to PUBLIC_BASE_URL). */
    STRIPE_API_BASE: z.url().optional(),
    /** Receipts are numbered per calendar year in the council's time zone. */
    COUNCIL_TIME_ZONE: z
      .string()
      .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone), "not an IANA time zone")
      .default("Asia/Riyadh"),
    LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR", "SILENT"]).default("INFO"),
  })
  .refine((env) => env.ATHAR_ENV === "local" || env.STRIPE_SECRET_ARN, {
    message: "STRIPE_SECRET_ARN is required in AWS",
    path: ["STRIPE_SECRET_ARN"],
  });

export type Config = z.infer<typeof envSchema> & {
  paymentMode: "stripe" | "local";
  /** Local runs add diagnostics (DynamoDB calls per request) to responses. */
  exposeDiagnostics: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  const config = result.data;
  return {
    ...config,
    paymentMode: config.STRIPE_SECRET_ARN || config.STRIPE_SECRET_KEY ? "stripe" : "local",
    exposeDiagnostics: config.ATHAR_ENV === "local",
  };
}
