import { type DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import type { SessionEpochReader } from "../domain/monthly-portal.ts";
import { keys } from "./keys.ts";

/** One GetItem of the donor's profile, reading only its `sessionEpoch`. */
export function createSessionEpochReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): SessionEpochReader {
  return {
    async sessionEpoch(donorId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.donorProfile(donorId),
          ProjectionExpression: "sessionEpoch",
        }),
      );
      return typeof Item?.sessionEpoch === "number" ? Item.sessionEpoch : 0;
    },
  };
}
