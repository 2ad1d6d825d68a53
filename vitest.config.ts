import { defineConfig } from 'vitest/config';

// The global setup starts DynamoDB Local in this process; Node 20 is what the machines run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export default defineConfig({
  test: {
    include: ['{lib,functions,infra,test}/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Handler modules read their environment at import, as at a cold start; these satisfy it in tests.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_REGION: 'us-east-1',
      TABLE_NAME: 'unused-in-tests',
      SEND_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/unused',
      ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:unused',
      SENDER_ADDRESS: 'surveys@example.com',
      CONFIGURATION_SET_NAME: 'unused',
      SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:unused',
      API_TOKEN_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:unused',
      CONTACT_POLICY: '{"delaySeconds":0,"quietHours":null}',
      MESSAGE_SETTINGS: '{"defaultLocale":"en"}',
      SMS_ORIGINATION: '{}',
      SEND_RATES: '{"emailPerSecond":100,"smsPerSecond":100}',
      SEND_CONCURRENCY: '1',
      MIN_SAMPLE: '30',
      UNHAPPY_AT_OR_BELOW: '{"nps":6,"csat":2,"ces":3}',
      PUBLIC_URL: 'https://surveys.example.com',
    },
    maxWorkers: 2,
  },
});
