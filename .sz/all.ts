import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
export const handler = async () => [await new DynamoDBClient({}).send(new GetItemCommand({} as never)), await new SESv2Client({}).send(new SendEmailCommand({} as never)), await new SQSClient({}).send(new SendMessageCommand({} as never)), await new SecretsManagerClient({}).send(new GetSecretValueCommand({} as never))];
