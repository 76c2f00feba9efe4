/**
 * Starts DynamoDB Local in memory on a free port once per test run, shared by every project that lists
 * this file (the module-level promise makes the second project reuse the first instance).
 */
import type { TestProject } from "vitest/node";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../local/dynamodb-local.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    productUrl: string;
    /** Where the running product writes e-mails (.eml), as SES would send them. */
    outboxDir: string;
    /** The product's ATHAR_DATA_DIR (the local staff issuer's users are in local-auth.json there). */
    productDataDir: string;
    /** How far the end-to-end run's clock is from the machine's (tests/support/test-clock.ts). */
    clockOffsetMs: number;
  }
}

let instance: Promise<DynamoDbLocal> | undefined;
let users = 0;

export default async function setup(project: TestProject) {
  instance ??= startDynamoDbLocal();
  users += 1;
  const dynamo = await instance;
  project.provide("dynamodbEndpoint", dynamo.endpoint);
  process.env.ATHAR_TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  return async () => {
    users -= 1;
    if (users === 0) await dynamo.stop();
  };
}
