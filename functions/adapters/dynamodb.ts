import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { countDynamoCall, grantUsesFor } from "./call-counter.ts";

export interface DynamoSettings {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
}

export function createDocumentClient(settings: DynamoSettings): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint
      ? { endpoint: settings.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } }
      : {}),
  });
  // Counted once per command at "initialize", so SDK retries do not inflate the figure.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      countDynamoCall(grantUsesFor(context.commandName ?? "", args.input));
      return next(args);
    },
    { step: "initialize", name: "atharDynamoCallCounter" },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
