import * as z from 'zod';
import { defineSetting } from './setting.js';

/*
 * The resources a function is granted, each named by a variable that the construct granting it sets,
 * and the base of the links it builds.
 */

/** An ARN, as the stack hands a topic or a secret over. */
export const ArnSchema = z.string().regex(/^arn:[\w-]+:[\w-]+:[\w-]*:\d{12}:.+$/, 'must be an ARN');

export const TABLE_NAME = defineSetting('tableName', 'TABLE_NAME', z.string().min(1));

/** The queue of invitations sent by email, and the one of those sent by SMS: each has its own sender. */
export const EMAIL_QUEUE_URL = defineSetting('emailQueueUrl', 'EMAIL_QUEUE_URL', z.url());
export const SMS_QUEUE_URL = defineSetting('smsQueueUrl', 'SMS_QUEUE_URL', z.url());

/** The queue of comments whose analysis is to be tried again (a throttle or an outage of the analyser). */
export const ANALYSIS_QUEUE_URL = defineSetting('analysisQueueUrl', 'ANALYSIS_QUEUE_URL', z.url());

export const ALERTS_TOPIC_ARN = defineSetting('alertsTopicArn', 'ALERTS_TOPIC_ARN', ArnSchema);

/** The stage's EventBridge bus, which answers, changes and cases are published on (lib/events/). */
export const EVENT_BUS_NAME = defineSetting('eventBusName', 'EVENT_BUS_NAME', z.string().min(1));

/** The verified SES identity invitations come from, and the configuration set they are sent with. */
export const SENDER_ADDRESS = defineSetting('senderAddress', 'SENDER_ADDRESS', z.email());
export const CONFIGURATION_SET_NAME = defineSetting(
  'configurationSetName',
  'CONFIGURATION_SET_NAME',
  z.string().min(1),
);

/** The secret holding the key survey and unsubscribe links are signed with. */
export const SIGNING_KEY_SECRET_ARN = defineSetting(
  'signingKeySecretArn',
  'SIGNING_KEY_SECRET_ARN',
  ArnSchema,
);

/** The secret holding the integrator credentials (lib/access/integrator-credentials.ts). */
export const API_TOKEN_SECRET_ARN = defineSetting('apiTokenSecretArn', 'API_TOKEN_SECRET_ARN', ArnSchema);

/**
 * The base of links in messages: the stage's `publicUrl`, else the edge's domain or the HTTP API's own
 * URL (see `infra/stateless-stack.ts`).
 */
export const PUBLIC_URL = defineSetting('publicUrl', 'PUBLIC_URL', z.url());
