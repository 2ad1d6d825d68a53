import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs, one line per event, with the Lambda context when there is one. */
export const logger = new Logger({ serviceName: 'pulse' });
