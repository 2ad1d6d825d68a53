import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { deliveryErrorOf } from '../../platform/errors.js';
import { wellFormed } from '../../platform/text.js';
import { DEFAULT_SMS_MAX_PRICE_USD, type SmsOrigination } from '../../settings/sms.js';
import type { OutgoingSms, SmsSender } from '../ports.js';

/** The number itself is wrong: this request can never succeed. */
const PERMANENT = new Set([
  'InvalidParameterException',
  'InvalidParameter',
  'InvalidParameterValueException',
  'InvalidParameterValue',
]);
const THROTTLED = new Set(['ThrottledException', 'Throttling', 'ThrottlingException']);

/**
 * Sends invitation SMS through SNS `Publish` straight to an E.164 number, as transactional messages
 * (routed for delivery rather than price), each with its maximum price (`AWS.SNS.SMS.MaxPrice`: SNS
 * accepts the publish and fails the delivery of a dearer message, "This delivery would exceed max
 * price" in its delivery logs). SNS accepts a publish to a number that opted out and delivers
 * nothing, so opt-outs are kept in our own suppression list and checked before this.
 */
export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly client: SNSClient,
    private readonly origination: Partial<SmsOrigination> = {},
  ) {}

  async send(sms: OutgoingSms): Promise<string> {
    const attributes: Record<string, MessageAttributeValue> = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
    };
    if (this.origination.originationNumber) {
      attributes['AWS.MM.SMS.OriginationNumber'] = {
        DataType: 'String',
        StringValue: this.origination.originationNumber,
      };
    }
    if (this.origination.senderId) {
      attributes['AWS.SNS.SMS.SenderID'] = { DataType: 'String', StringValue: this.origination.senderId };
    }
    attributes['AWS.SNS.SMS.MaxPrice'] = {
      DataType: 'Number',
      StringValue: String(this.origination.maxPriceUsd ?? DEFAULT_SMS_MAX_PRICE_USD),
    };
    try {
      const { MessageId } = await this.client.send(
        new PublishCommand({
          PhoneNumber: sms.to,
          Message: wellFormed(sms.text),
          MessageAttributes: attributes,
        }),
      );
      if (!MessageId) throw new Error('SNS answered without a MessageId');
      return MessageId;
    } catch (error) {
      throw deliveryErrorOf(error, 'SNS refused the SMS', { permanent: PERMANENT, throttled: THROTTLED });
    }
  }
}
