/**
 * Stands in for the SNS topic SES publishes bounces, complaints and rejections to: a message (SES's
 * event record) is delivered to every group subscribed to it (functions/routes.ts `readsMailEvents`) as
 * an SNS event, the way Lambda receives it. Nothing sends real mail locally, so tests publish the events.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SNSEvent } from "aws-lambda";
import { withCallCounting } from "../functions/adapters/call-counter.ts";
import { HANDLER_GROUPS } from "../functions/routes.ts";

const TOPIC_ARN = "arn:aws:sns:local:000000000000:athar-mail-events";

function snsEvent(message: string): SNSEvent {
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: `${TOPIC_ARN}:${randomUUID()}`,
        Sns: {
          Type: "Notification",
          MessageId: randomUUID(),
          TopicArn: TOPIC_ARN,
          Subject: "",
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: "1",
          Signature: "",
          SigningCertUrl: "",
          UnsubscribeUrl: "",
          MessageAttributes: {},
        },
      },
    ],
  };
}

export async function loadMailEventSubscribers(repoRoot: string) {
  const handlers: ((event: SNSEvent) => Promise<void>)[] = [];
  for (const definition of Object.values(HANDLER_GROUPS)) {
    if (!("readsMailEvents" in definition)) continue;
    const module = (await import(pathToFileURL(join(repoRoot, definition.entry)).href)) as {
      handler: (event: SNSEvent) => Promise<void>;
    };
    handlers.push(module.handler);
  }
  return {
    /** Delivers one message to every subscriber; resolves with the DynamoDB actions they used. */
    async publish(message: string): Promise<string[]> {
      const used = new Set<string>();
      for (const handler of handlers) {
        const { dynamodbActions } = await withCallCounting(() => handler(snsEvent(message)));
        for (const action of dynamodbActions) used.add(action);
      }
      return [...used].sort();
    },
  };
}
