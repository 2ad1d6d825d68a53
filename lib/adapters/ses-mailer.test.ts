import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError } from '../domain/errors.js';
import { SesMailer } from './ses-mailer.js';

const ses = mockClient(SESv2Client);

describe('SesMailer', () => {
  beforeEach(() => ses.reset());

  it('sends one SESv2 SendEmail per recipient with subject, HTML, text, headers and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'msg-1' });
    const mailer = new SesMailer(new SESv2Client({ region: 'us-east-1' }), {
      fromAddress: 'surveys@example.com',
      configurationSetName: 'pulse-dev',
    });

    const id = await mailer.send({
      to: 'ana@example.com',
      subject: 'One quick question',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: { 'List-Unsubscribe': '<https://x.example/u/t>' },
    });

    expect(id).toBe('msg-1');
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'surveys@example.com',
      Destination: { ToAddresses: ['ana@example.com'] },
      ConfigurationSetName: 'pulse-dev',
      Content: {
        Simple: {
          Subject: { Data: 'One quick question', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>Hi</p>', Charset: 'UTF-8' }, Text: { Data: 'Hi', Charset: 'UTF-8' } },
          Headers: [{ Name: 'List-Unsubscribe', Value: '<https://x.example/u/t>' }],
        },
      },
    });
  });

  it('turns a rejected message into a permanent delivery error', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const mailer = new SesMailer(new SESv2Client({ region: 'us-east-1' }), {
      fromAddress: 'surveys@example.com',
    });

    await expect(
      mailer.send({ to: 'x@example.com', subject: 's', html: 'h', text: 't' }),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('lets throttling through as a retryable error', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const mailer = new SesMailer(new SESv2Client({ region: 'us-east-1' }), {
      fromAddress: 'surveys@example.com',
    });

    const sending = mailer.send({ to: 'x@example.com', subject: 's', html: 'h', text: 't' });

    await expect(sending).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(sending).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });
});
