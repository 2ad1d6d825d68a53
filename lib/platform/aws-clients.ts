import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/**
 * The SDK clients of one composition root: handed in ready-made (on one machine, clients whose calls
 * are answered locally) or built on first use. Each is built by its own function, so that a bundle
 * holds only the clients its function talks to.
 */
export interface AwsClients {
  dynamodb?: DynamoDBClient;
  sesv2?: SESv2Client;
  sns?: SNSClient;
  sqs?: SQSClient;
  secretsManager?: SecretsManagerClient;
  comprehend?: ComprehendClient;
  eventBridge?: EventBridgeClient;
}

export const dynamoDbClient = (clients: AwsClients): DynamoDBClient => {
  clients.dynamodb ??= new DynamoDBClient({});
  return clients.dynamodb;
};

export const sesv2Client = (clients: AwsClients): SESv2Client => {
  // A hung send must fail within the function's timeout, so that the claim can be taken over.
  clients.sesv2 ??= new SESv2Client({ requestHandler: { requestTimeout: 10_000, connectionTimeout: 3_000 } });
  return clients.sesv2;
};

export const snsClient = (clients: AwsClients): SNSClient => {
  clients.sns ??= new SNSClient({});
  return clients.sns;
};

export const sqsClient = (clients: AwsClients): SQSClient => {
  clients.sqs ??= new SQSClient({});
  return clients.sqs;
};

export const secretsManagerClient = (clients: AwsClients): SecretsManagerClient => {
  clients.secretsManager ??= new SecretsManagerClient({});
  return clients.secretsManager;
};

export const comprehendClient = (clients: AwsClients): ComprehendClient => {
  // A hung call must fail within the function's timeout, so that the comment's analysis is retried.
  clients.comprehend ??= new ComprehendClient({
    requestHandler: { requestTimeout: 5_000, connectionTimeout: 3_000 },
  });
  return clients.comprehend;
};

export const eventBridgeClient = (clients: AwsClients): EventBridgeClient => {
  // A hung put must fail within the reactor's timeout, so that the stream retries it.
  clients.eventBridge ??= new EventBridgeClient({
    requestHandler: { requestTimeout: 5_000, connectionTimeout: 3_000 },
  });
  return clients.eventBridge;
};
