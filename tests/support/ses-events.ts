/**
 * SES event records as SES publishes them to SNS from a configuration set, shaped on AWS's documented
 * examples ("Examples of event data that Amazon SES publishes to Amazon SNS"), with the tags our mailer
 * sends. Addresses are placeholders: the code under test must not need them.
 */
const mail = (ref: string, kind: string) => ({
  timestamp: "2026-10-22T09:00:00.000Z",
  source: "Athar <receipts@give.example.org>",
  sourceArn: "arn:aws:ses:me-central-1:123456789012:identity/give.example.org",
  sendingAccountId: "123456789012",
  messageId: "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000",
  destination: ["recipient@example.com"],
  headersTruncated: false,
  headers: [{ name: "Subject", value: "Receipt" }],
  commonHeaders: { from: ["receipts@give.example.org"], to: ["recipient@example.com"], subject: "Receipt" },
  tags: {
    "ses:configuration-set": ["athar-staging"],
    "ses:source-ip": ["192.0.2.0"],
    "ses:from-domain": ["give.example.org"],
    "ses:caller-identity": ["athar-receipts"],
    kind: [kind],
    ref: [ref],
  },
});

export function bounceRecord(
  ref: string,
  kind = "receipt",
  bounceType = "Permanent",
  bounceSubType = "General",
) {
  return {
    eventType: "Bounce",
    bounce: {
      bounceType,
      bounceSubType,
      bouncedRecipients: [
        {
          emailAddress: "recipient@example.com",
          action: "failed",
          status: "5.1.1",
          diagnosticCode: "smtp; 550 5.1.1 user unknown",
        },
      ],
      timestamp: "2026-10-22T09:01:02.669Z",
      feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
      reportingMTA: "dsn; mta.example.com",
    },
    mail: mail(ref, kind),
  };
}

export function complaintRecord(ref: string, kind = "receipt") {
  return {
    eventType: "Complaint",
    complaint: {
      complainedRecipients: [{ emailAddress: "recipient@example.com" }],
      timestamp: "2026-10-22T09:05:00.000Z",
      feedbackId: "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000",
      userAgent: "Mozilla/5.0",
      complaintFeedbackType: "abuse",
      arrivalDate: "2026-10-22T09:04:58.000Z",
    },
    mail: mail(ref, kind),
  };
}

export function rejectRecord(ref: string, kind = "receipt") {
  return { eventType: "Reject", reject: { reason: "Bad content" }, mail: mail(ref, kind) };
}

export function deliveryRecord(ref: string, kind = "receipt") {
  return {
    eventType: "Delivery",
    delivery: {
      timestamp: "2026-10-22T09:00:01.000Z",
      processingTimeMillis: 546,
      recipients: ["recipient@example.com"],
      smtpResponse: "250 ok",
      reportingMTA: "a8-70.smtp-out.amazonses.com",
    },
    mail: mail(ref, kind),
  };
}
