/**
 * Stands in for the SDK's event-stream support in bundled functions. The SDK loads it only for
 * operations that stream events, and none of the services Pulse calls (DynamoDB, SES, SNS, SQS,
 * Secrets Manager) has one; leaving it out makes each bundle about 15 KB smaller. Not used outside
 * bundles.
 */
const unsupported = (): never => {
  throw new Error('event streams are not bundled with Pulse functions');
};

export const EventStreamSerde = unsupported;
export const eventStreamSerdeProvider = unsupported;
