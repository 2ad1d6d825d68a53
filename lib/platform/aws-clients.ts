import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The SDK clients a function builds once at cold start. Each is created on first use, so a function
 * holds only the clients it talks to.
 */
const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};

export const awsClients = {
  dynamodb: once(() => new DynamoDBClient({})),
  // A hung send must fail within the function's timeout, so that the claim can be taken over.
  sesv2: once(
    () => new SESv2Client({ requestHandler: { requestTimeout: 10_000, connectionTimeout: 3_000 } }),
  ),
  sns: once(() => new SNSClient({})),
  sqs: once(() => new SQSClient({})),
  secretsManager: once(() => new SecretsManagerClient({})),
};
