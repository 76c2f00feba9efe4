import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { MailProblemStore } from "../../domain/receipts/mail-events.ts";
import { keys } from "../keys.ts";

/** The latest problem SES reported with a receipt's e-mail, kept on the receipt (one Update). */
export function createMailProblemStore(client: DynamoDBDocumentClient, tableName: string): MailProblemStore {
  return {
    async noteReceiptMailProblem(receiptNumber, problem) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.receipt(receiptNumber),
            // SNS delivers at least once: setting the same problem again changes nothing.
            UpdateExpression: "SET mailProblem = :problem",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":problem": problem },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}
