import { createHash } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { answerLocally, type LocalRequest, Outbox } from './capture.js';
import { LOCAL_AWS } from './dynamodb-local.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:pulse-alerts';
const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/email-invitations';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
// The query protocol's body is a string, the JSON protocols' bytes.
const bodyOf = (request: LocalRequest | undefined) =>
  typeof request?.body === 'string' ? request.body : new TextDecoder().decode(request?.body as Uint8Array);

/** A client answered locally, keeping what reached the transport and what the answers said. */
const localSns = () => {
  const outbox = new Outbox();
  const requests: LocalRequest[] = [];
  const messageIds: string[] = [];
  const client = answerLocally(new SNSClient(LOCAL_AWS), async (_command, input, request) => {
    requests.push(request);
    const messageId = outbox.record('alert', new Date(), input);
    messageIds.push(messageId);
    return { MessageId: messageId };
  });
  return { client, outbox, requests, messageIds };
};

describe('answerLocally', () => {
  it('refuses an SNS message with a lone surrogate as the SDK serialiser does, recording nothing', async () => {
    const sns = localSns();

    const publishing = sns.client.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'broken \ud800' }));

    await expect(publishing).rejects.toThrow(URIError);
    expect(sns.requests).toEqual([]);
    expect(sns.outbox.list()).toEqual([]);
  });

  it('hands SNS the form-encoded Publish and returns the answered MessageId through the SDK parser', async () => {
    const sns = localSns();
    const input = {
      TopicArn: TOPIC_ARN,
      Message: 'Détracteur: "à rappeler" & vite',
      MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' } },
    };

    const output = await sns.client.send(new PublishCommand(input));

    expect(output.MessageId).toBe(sns.messageIds[0]);
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sns.outbox.list()).toEqual([expect.objectContaining({ kind: 'alert', input })]);
    const [request] = sns.requests;
    expect(request).toMatchObject({ method: 'POST', hostname: 'sns.us-east-1.amazonaws.com', path: '/' });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\//);
    const form = new URLSearchParams(bodyOf(request));
    expect(form.get('Action')).toBe('Publish');
    expect(form.get('Message')).toBe(input.Message);
    expect(form.get('MessageAttributes.entry.1.Value.StringValue')).toBe('high');
  });

  it('answers concurrent calls each with its own input', async () => {
    const client = answerLocally(new SNSClient(LOCAL_AWS), async (_command, input) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      return { MessageId: `id-${String(input.Message)}` };
    });
    const messages = Array.from({ length: 20 }, (_, index) => `message ${index}`);

    const outputs = await Promise.all(
      messages.map((Message) => client.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message }))),
    );

    expect(outputs.map((output) => output.MessageId)).toEqual(messages.map((message) => `id-${message}`));
  });

  it('hands SES v2 the REST request for SendEmail and returns the answered MessageId', async () => {
    const requests: LocalRequest[] = [];
    const client = answerLocally(new SESv2Client(LOCAL_AWS), async (command, _input, request) => {
      requests.push(request);
      return { MessageId: `ses-${command}` };
    });
    const input = {
      FromEmailAddress: 'pulse@example.com',
      Destination: { ToAddresses: ['ana@example.com'] },
      Content: { Simple: { Subject: { Data: 'Hello' }, Body: { Text: { Data: 'How did we do?' } } } },
    };

    const output = await client.send(new SendEmailCommand(input));

    expect(output.MessageId).toBe('ses-SendEmailCommand');
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });
    expect(JSON.parse(bodyOf(request))).toMatchObject(input);
  });

  it('hands SQS the JSON SendMessage and returns the answered MessageId once its MD5 matches', async () => {
    const requests: LocalRequest[] = [];
    const client = answerLocally(new SQSClient(LOCAL_AWS), async (_command, input, request) => {
      requests.push(request);
      return { MessageId: 'sqs-1', MD5OfMessageBody: md5(String(input.MessageBody)) };
    });

    const output = await client.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: '{"ü":1}' }));

    expect(output.MessageId).toBe('sqs-1');
    const [request] = requests;
    expect(request?.headers['x-amz-target']).toBe('AmazonSQS.SendMessage');
    expect(JSON.parse(bodyOf(request))).toEqual({ QueueUrl: QUEUE_URL, MessageBody: '{"ü":1}' });
  });

  it('lets the SDK refuse an SQS answer whose MD5 does not match the body', async () => {
    const client = answerLocally(new SQSClient(LOCAL_AWS), async () => ({
      MessageId: 'sqs-1',
      MD5OfMessageBody: md5('another body'),
    }));

    const sending = client.send(new SendMessageCommand({ QueueUrl: QUEUE_URL, MessageBody: 'body' }));

    await expect(sending).rejects.toThrow('InvalidChecksumError');
  });

  it('fails the command with the error its answer throws, once', async () => {
    let calls = 0;
    const client = answerLocally(new SNSClient(LOCAL_AWS), async (command) => {
      calls += 1;
      throw new Error(`local SNS does not answer ${command}`);
    });

    const publishing = client.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'hi' }));

    await expect(publishing).rejects.toThrow('local SNS does not answer PublishCommand');
    expect(calls).toBe(1);
  });
});
