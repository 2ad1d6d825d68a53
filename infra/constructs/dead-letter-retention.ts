import { Duration } from 'aws-cdk-lib';

/** SQS keeps a message 14 days at most. */
const SQS_MAX_RETENTION_DAYS = 14;

/**
 * How long a dead-letter queue keeps a message: SQS's longest, so that operators have time to look,
 * unless the stage keeps people's data for less (`retention.days`), since a failed message holds the
 * customer's details as it was sent.
 */
export const deadLetterRetention = (retentionDays: number): Duration =>
  Duration.days(Math.min(SQS_MAX_RETENTION_DAYS, retentionDays));
