import * as z from 'zod';

const recipients = z.array(z.object({ emailAddress: z.string().min(1) }).loose());

/**
 * What SES publishes through the configuration set's event destination (`eventType`), as far as
 * suppression needs it. Other event types (Send, Delivery, Open, Click, DeliveryDelay, Reject,
 * RenderingFailure) parse and change nothing.
 */
export const EmailFeedbackSchema = z
  .object({
    eventType: z.string().min(1),
    mail: z
      .object({
        messageId: z.string().min(1),
        destination: z.array(z.string()).default([]),
        tags: z.record(z.string(), z.array(z.string())).optional(),
      })
      .loose(),
    bounce: z
      .object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: recipients })
      .loose()
      .optional(),
    complaint: z
      .object({ complainedRecipients: recipients, complaintFeedbackType: z.string().optional() })
      .loose()
      .optional(),
    subscription: z
      .object({
        newTopicPreferences: z.object({ unsubscribeAll: z.boolean().optional() }).loose().optional(),
      })
      .loose()
      .optional(),
  })
  .loose()
  .superRefine((event, ctx) => {
    const needs = { Bounce: 'bounce', Complaint: 'complaint', Subscription: 'subscription' } as const;
    const field = needs[event.eventType as keyof typeof needs];
    if (field && !event[field])
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${event.eventType}` });
  });

export type EmailFeedback = z.infer<typeof EmailFeedbackSchema>;

/** The tag every invitation email carries, so that its feedback finds the invitation. */
export const INVITATION_TAG = 'invitation';
