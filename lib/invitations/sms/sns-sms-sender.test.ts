import {
  InvalidParameterException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, ThrottledError } from '../../platform/errors.js';
import { SmsOriginationSchema } from '../../settings/sms.js';
import { allSmsTexts } from './invitation-sms.js';
import { SnsSmsSender } from './sns-sms-sender.js';

const sns = mockClient(SNSClient);

describe('SnsSmsSender', () => {
  beforeEach(() => sns.reset());

  it('publishes straight to the E.164 number as a transactional SMS from the configured origination', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sms-1' });
    const sender = new SnsSmsSender(new SNSClient({ region: 'us-east-1' }), {
      originationNumber: '+18005550100',
      maxPriceUsd: 0.05,
    });

    const id = await sender.send({ to: '+14155550100', text: 'Reply 0-10' });

    expect(id).toBe('sms-1');
    // SNS Publish to a phone number: PhoneNumber instead of TopicArn, SMS settings as message attributes.
    expect(sns).toHaveReceivedCommandTimes(PublishCommand, 1);
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+14155550100',
      Message: 'Reply 0-10',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+18005550100' },
        'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.05' },
      },
    });
  });

  it('sends a sender id where one is configured, and no TopicArn', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sms-2' });
    await new SnsSmsSender(new SNSClient({ region: 'us-east-1' }), { senderId: 'Pulse' }).send({
      to: '+447700900123',
      text: 'x',
    });

    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.TopicArn).toBeUndefined();
    expect(input?.MessageAttributes?.['AWS.SNS.SMS.SenderID']).toEqual({
      DataType: 'String',
      StringValue: 'Pulse',
    });
  });

  it('carries a maximum price on every SMS, 0.20 USD when the stage sets none', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sms-3' });
    const origination = SmsOriginationSchema.parse({ originationNumber: '+18005550100' });

    await new SnsSmsSender(new SNSClient({ region: 'us-east-1' }), origination).send({
      to: '+14155550100',
      text: 'x',
    });
    await new SnsSmsSender(new SNSClient({ region: 'us-east-1' })).send({ to: '+14155550100', text: 'x' });

    const prices = sns
      .commandCalls(PublishCommand)
      .map((call) => call.args[0].input.MessageAttributes?.['AWS.SNS.SMS.MaxPrice']);
    expect(prices).toEqual([
      { DataType: 'Number', StringValue: '0.2' },
      { DataType: 'Number', StringValue: '0.2' },
    ]);
  });

  it('turns a refused number into a permanent error and throttling into a ThrottledError', async () => {
    const sender = new SnsSmsSender(new SNSClient({ region: 'us-east-1' }));
    sns
      .on(PublishCommand)
      .rejectsOnce(
        new InvalidParameterException({ message: 'Invalid parameter: PhoneNumber', $metadata: {} }),
      );
    await expect(sender.send({ to: '+1', text: 'x' })).rejects.toBeInstanceOf(PermanentDeliveryError);
    // The SDK retries a throttle itself first; what still fails after its attempts is put back by the core.
    sns.reset();
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: {} }));
    await expect(sender.send({ to: '+14155550100', text: 'x' })).rejects.toBeInstanceOf(ThrottledError);
  });
});

describe('every SMS text', () => {
  it.each(allSmsTexts(undefined).map(({ locale, name }) => [locale, name] as const))(
    'fits one segment: %s %s, with the default brand and a 20-character one',
    (locale, name) => {
      for (const brand of [undefined, 'Northwind Outfitters']) {
        const text = allSmsTexts(brand).find((t) => t.locale === locale && t.name === name);
        expect(text?.size.segments).toBe(1);
      }
      // Chinese needs UCS-2 (70 characters a segment); English stays in GSM-7 (160).
      const text = allSmsTexts(undefined).find((t) => t.locale === locale && t.name === name);
      expect(text?.size.encoding).toBe(locale === 'en' ? 'GSM-7' : 'UCS-2');
      // Without a brand the text opens with the question, not with a stray "us:".
      expect(text?.text).not.toMatch(/^(us|我们)\s*[:：]/);
      expect(allSmsTexts('Acme').find((t) => t.locale === locale && t.name === name)?.text).toMatch(
        /^Acme\s*[:：]/,
      );
    },
  );
});
