import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";

import type { RecognitionStore } from "../../domain/adoption/recognition.ts";
import type { InventorySnapshot } from "../../domain/model.ts";
import { keys } from "../keys.ts";
import { UpdateBuilder } from "../update-expression.ts";

/** The `adopters` map of an initiative's inventory item, as finance moderates its names. */
export function createRecognitionStore(client: DynamoDBDocumentClient, tableName: string): RecognitionStore {
  return {
    async namedAdopters(initiativeId) {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.inventory(initiativeId),
          ProjectionExpression: "adopters",
          ConsistentRead: true,
        }),
      );
      const adopters = (Item?.adopters ?? {}) as InventorySnapshot["adopters"];
      return Object.entries(adopters).flatMap(([donationId, adopter]) =>
        adopter.name === null
          ? []
          : [
              {
                donationId,
                name: adopter.name,
                units: adopter.units,
                since: adopter.since,
                hidden: adopter.hidden === true,
              },
            ],
      );
    },

    async setHidden(initiativeId, donationId, hidden) {
      const builder = new UpdateBuilder();
      const adopter = `adopters.${donationId}`;
      builder.setValue(`${adopter}.hidden`, hidden);
      const name = builder.path(`${adopter}.name`);
      const flag = builder.path(`${adopter}.hidden`);
      // Still named (an erasure may have taken the name meanwhile), and not already so. Written whole:
      // DynamoDB refuses a function call in parentheses beside AND as redundant.
      const notYet = hidden
        ? `(attribute_not_exists(${flag}) OR ${flag} = ${builder.value(false)})`
        : `${flag} = ${builder.value(true)}`;
      const named = `attribute_type(${name}, ${builder.value("S")})`;
      const update = { ...builder.build(), ConditionExpression: `${named} AND ${notYet}` };
      try {
        await client.send(
          new UpdateCommand({ TableName: tableName, Key: keys.inventory(initiativeId), ...update }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
