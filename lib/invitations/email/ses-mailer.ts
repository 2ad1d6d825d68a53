import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { deliveryErrorOf } from '../../platform/errors.js';
import { wellFormed } from '../../platform/text.js';
import type { Mailer, OutgoingEmail } from '../ports.js';

/** Errors after which the same request can never succeed; anything else is retried. */
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
  'AccountSuspendedException',
]);

/**
 * The send rate or daily quota is exceeded, or sending is paused: SES asks to wait, so the send is put
 * back with a backoff instead of burning the queue's retries.
 */
const THROTTLED = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'SendingPausedException',
  'Throttling',
]);

export interface SesMailerOptions {
  fromAddress: string;
  configurationSetName?: string | undefined;
}

/** Sends through SES with its current API (`SendEmail` of SESv2): one call per recipient. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly options: SesMailerOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<string> {
    try {
      const { MessageId } = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.fromAddress,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              // Well-formed text only (lib/platform/text.ts): a stored name must not break the send.
              Subject: { Data: wellFormed(email.subject), Charset: 'UTF-8' },
              Body: {
                Html: { Data: wellFormed(email.html), Charset: 'UTF-8' },
                Text: { Data: wellFormed(email.text), Charset: 'UTF-8' },
              },
              ...(email.headers
                ? { Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })) }
                : {}),
            },
          },
          ...(this.options.configurationSetName
            ? { ConfigurationSetName: this.options.configurationSetName }
            : {}),
          ...(email.tags
            ? { EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        }),
      );
      if (!MessageId) throw new Error('SES answered without a MessageId');
      return MessageId;
    } catch (error) {
      throw deliveryErrorOf(error, 'SES refused the email', { permanent: PERMANENT, throttled: THROTTLED });
    }
  }
}
