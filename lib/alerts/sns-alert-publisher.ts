import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { wellFormed } from '../platform/text.js';
import type { Alert, AlertPublisher } from './ports.js';

/**
 * Publishes alerts to the alerts topic. Message attributes carry what subscription filter policies
 * route on; numbers go as `Number` so that numeric filters work, lists as `String.Array` (a policy
 * matches when any element does). Text is made well-formed first: an
 * answer stored before its edge repaired it must not make the SDK throw while serialising the alert.
 */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(alert: Alert): Promise<string> {
    const { MessageId } = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: alert.subject.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
        Message: wellFormed(alert.message),
        MessageAttributes: Object.fromEntries(
          Object.entries(alert.attributes).map(([name, value]) => [
            name,
            typeof value === 'number'
              ? { DataType: 'Number', StringValue: String(value) }
              : typeof value === 'string'
                ? { DataType: 'String', StringValue: wellFormed(value) }
                : { DataType: 'String.Array', StringValue: JSON.stringify(value.map(wellFormed)) },
          ]),
        ),
      }),
    );
    if (!MessageId) throw new Error('SNS answered without a MessageId');
    return MessageId;
  }
}
