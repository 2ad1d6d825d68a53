import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { CognitoLeadTokens } from './access/cognito-lead-tokens.js';
import { credentialsFrom } from './access/integrator-credentials.js';
import type { IntegratorCredentials, LeadTokens } from './access/ports.js';
import type { AggregateDeps } from './aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from './aggregates/dynamodb-aggregate-store.js';
import type { MetricsDeps } from './aggregates/read-metrics.js';
import { DynamoDbAlertLedger } from './alerts/dynamodb-alert-ledger.js';
import { DynamoDbMetricAlertStates } from './alerts/dynamodb-metric-alert-states.js';
import type { MetricAlertDeps } from './alerts/evaluate-metric-alerts.js';
import { trendUrlFor } from './alerts/metric-alert.js';
import { SnsAlertPublisher } from './alerts/sns-alert-publisher.js';
import type { AnswerDeps } from './answers/record-answer.js';
import type { SmsReplyDeps } from './answers/sms/record-sms-reply.js';
import { DynamoDbPageStamps } from './answers/web/dynamodb-page-stamps.js';
import type { UnsubscribeDeps } from './answers/web/unsubscribe.js';
import type { AssignDeps } from './cases/assign-case.js';
import { caseUrlFor } from './cases/case.js';
import type { CaseDeps, CaseViewDeps } from './cases/cases.js';
import { DynamoDbCaseStats } from './cases/dynamodb-case-stats.js';
import { DynamoDbCaseStore } from './cases/dynamodb-case-store.js';
import type { EscalationDeps } from './cases/escalate-cases.js';
import type { CaseStatsDeps } from './cases/read-case-stats.js';
import type { ResolveDeps } from './cases/resolve-case.js';
import { DynamoDbPendingLogins } from './console/dynamodb-pending-logins.js';
import { DynamoDbSessionStore } from './console/dynamodb-session-store.js';
import { HttpManagedLogin } from './console/http-managed-login.js';
import type { ConsoleBaseDeps, ConsoleDeps, ConsoleFormDeps } from './console/route.js';
import { longestFatigueDays } from './contacts/contact-policy.js';
import { DynamoDbContactLedger, erasedKeysWith } from './contacts/dynamodb-contact-ledger.js';
import { DynamoDbPersonIndex } from './contacts/dynamodb-person-index.js';
import { DynamoDbEventLedger } from './events/dynamodb-event-ledger.js';
import { EventBridgePublisher } from './events/eventbridge-publisher.js';
import type { EventsDeps } from './events/publish-events.js';
import { DynamoDbFeedbackStore } from './feedback/dynamodb-feedback-store.js';
import type { ResponsesDeps } from './feedback/list-responses.js';
import { ComprehendSentimentDetector } from './insight/comprehend-sentiment-detector.js';
import { DynamoDbLabelsStore } from './insight/dynamodb-labels-store.js';
import type { RetryAnalysisDeps } from './insight/label-comment.js';
import { SqsAnalysisQueue } from './insight/sqs-analysis-queue.js';
import { taxonomyOf } from './insight/taxonomy.js';
import type { AcceptInteractionDeps } from './invitations/accept-interaction.js';
import { DynamoDbInvitationStore } from './invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from './invitations/dynamodb-response-store.js';
import type { EmailFeedbackDeps } from './invitations/email/record-email-feedback.js';
import { emailChannel } from './invitations/email/send-email.js';
import { SesMailer } from './invitations/email/ses-mailer.js';
import type { InvitationReportDeps } from './invitations/invitation-status.js';
import { createLinks } from './invitations/links.js';
import { createPacer } from './invitations/pacer.js';
import type { ReopenInteractionDeps } from './invitations/reopen-interaction.js';
import type { ScheduleInteractionDeps } from './invitations/schedule-interaction.js';
import type { SendInvitationDeps } from './invitations/send-invitation.js';
import { DynamoDbSmsConversations } from './invitations/sms/dynamodb-sms-conversations.js';
import { smsChannel } from './invitations/sms/send-sms.js';
import { SnsSmsSender } from './invitations/sms/sns-sms-sender.js';
import { SqsSendQueue } from './invitations/sqs-send-queue.js';
import { DynamoDbPersonalData } from './people/dynamodb-personal-data.js';
import type { PeopleDeps } from './people/erase-person.js';
import type { ExportDeps } from './people/export-person.js';
import {
  type AwsClients,
  comprehendClient,
  dynamoDbClient,
  eventBridgeClient,
  secretsManagerClient,
  sesv2Client,
  snsClient,
  sqsClient,
} from './platform/aws-clients.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Retention } from './platform/retention.js';
import type { SecretSource } from './platform/secret.js';
import { secretsManagerSecret } from './platform/secrets-manager-secret.js';
import type { ReactorDeps } from './reactor/react-to-answers.js';
import {
  CONSOLE_CLIENT_ID,
  CONSOLE_SIGN_IN,
  LEADS,
  LEADS_CLIENT_ID,
  LEADS_LOGIN_URL,
  LEADS_USER_POOL_ID,
  ROUTE_SCOPES,
} from './settings/access.js';
import { UNHAPPY_AT_OR_BELOW } from './settings/alerts.js';
import { CASE_SLA, RECOVERY_SURVEY } from './settings/cases.js';
import { CONTACT_POLICY, DEFAULT_COUNTRY } from './settings/contact-policy.js';
import { INSIGHTS } from './settings/insight.js';
import { MESSAGE_SETTINGS, type MessageSettings } from './settings/messages.js';
import { METRIC_ALERT_RULES } from './settings/metric-alerts.js';
import { MIN_SAMPLE } from './settings/metrics.js';
import { EVENTS_OUT, RETENTION } from './settings/people.js';
import {
  ALERTS_TOPIC_ARN,
  ANALYSIS_QUEUE_URL,
  API_TOKEN_SECRET_ARN,
  CONFIGURATION_SET_NAME,
  EMAIL_QUEUE_URL,
  EVENT_BUS_NAME,
  PUBLIC_URL,
  SENDER_ADDRESS,
  SIGNING_KEY_SECRET_ARN,
  SMS_QUEUE_URL,
  TABLE_NAME,
} from './settings/resources.js';
import { SEND_CONCURRENCY, SEND_RATES } from './settings/sending.js';
import { type Settings, settingsFromEnvironment } from './settings/setting.js';
import { SMS_ORIGINATION } from './settings/sms.js';

/**
 * The one composition root: settings and clients in, every use case's dependencies out. A handler
 * names the builder of its use case's dependencies (`export const dependencies = caseDeps`); they are
 * built on its first invocation from a root: on AWS `awsRoot()`, on one machine the local runtime's.
 * Tests hand a handler's `createHandler` their fakes instead.
 *
 * Each builder is a function of its own, each SDK client is built by its own function, and each
 * setting is read through its own definition (`lib/settings/`), so that a function's bundle holds only
 * the adapters, clients and setting schemas of its own use case.
 */
export interface Root {
  settings: Settings;
  clock: Clock;
  /** SDK clients, handed in or built on first use. */
  clients: AwsClients;
  /**
   * Secrets and keys handed in ready-made (the local runtime's); otherwise read from AWS.
   * `integratorCredentials` is the value the credentials' secret would hold.
   */
  given: {
    signingKey?: SecretSource;
    integratorCredentials?: SecretSource;
    /** The keys of the leads' user pool (the local runtime's own), instead of downloading Cognito's JWKS. */
    leadJwks?: (uri: string) => Promise<unknown>;
  };
  /** What was built already: every adapter once per root. */
  built: Map<unknown, unknown>;
}

export const createRoot = (parts: Pick<Root, 'settings' | 'clock'> & Partial<Root>): Root => ({
  clients: {},
  given: {},
  built: new Map(),
  ...parts,
});

let aws: Root | undefined;

/** The root on AWS: settings from the function's environment, the system clock, clients built on first use. */
export const awsRoot = (): Root => {
  aws ??= createRoot({ settings: settingsFromEnvironment(process.env), clock: systemClock });
  return aws;
};

/**
 * A function's handler on AWS: its dependencies built from `awsRoot()` on the first invocation (the
 * cold start), never at import.
 */
export const onAws = <D, E, R>(
  dependencies: (root: Root) => D,
  createHandler: (deps: D) => (event: E, context: Context) => Promise<R>,
): ((event: E, context: Context) => Promise<R>) => {
  let handler: ((event: E, context: Context) => Promise<R>) | undefined;
  return (event, context) => {
    handler ??= createHandler(dependencies(awsRoot()));
    return handler(event, context);
  };
};

const once = <T>(root: Root, key: unknown, make: () => T): T => {
  if (!root.built.has(key)) root.built.set(key, make());
  return root.built.get(key) as T;
};

/**
 * An adapter of the single table, built once per root, with how long raw items are kept (invitations,
 * answers, cases and what hangs on them, which their adapters stamp with `expiresAt`).
 */
const tableAdapter = <T>(
  root: Root,
  Adapter: new (client: DynamoDBClient, tableName: string, retention: Retention) => T,
): T =>
  once(
    root,
    Adapter,
    () =>
      new Adapter(dynamoDbClient(root.clients), root.settings.get(TABLE_NAME), root.settings.get(RETENTION)),
  );
const publicUrl = (root: Root) => root.settings.get(PUBLIC_URL);

const invitationStore = (root: Root) => tableAdapter(root, DynamoDbInvitationStore);
const responseStore = (root: Root) => tableAdapter(root, DynamoDbResponseStore);
const personIndex = (root: Root) => tableAdapter(root, DynamoDbPersonIndex);
const pageStamps = (root: Root) => tableAdapter(root, DynamoDbPageStamps);
const contactLedger = (root: Root) => tableAdapter(root, DynamoDbContactLedger);
/**
 * The contact ledger as the senders claim a send: it finds a suppression under the key, or under its
 * keyed hash once the person was erased, so that an erased person who had said no is never contacted.
 * Intake's look at the ledger is an early skip, without the signing key; the claim is the authority.
 */
const sendingContactLedger = (root: Root) =>
  once(
    root,
    'sendingContactLedger',
    () =>
      new DynamoDbContactLedger(
        dynamoDbClient(root.clients),
        root.settings.get(TABLE_NAME),
        // A last send is kept as long as the fatigue rule reads it, even past a shorter retention.
        {
          days: Math.max(
            root.settings.get(RETENTION).days,
            longestFatigueDays(root.settings.get(CONTACT_POLICY)),
          ),
        },
        { erasedKeyOf: erasedKeysWith(signingKey(root)) },
      ),
  );
const smsConversations = (root: Root) => tableAdapter(root, DynamoDbSmsConversations);
const caseStore = (root: Root) => tableAdapter(root, DynamoDbCaseStore);
const feedbackStore = (root: Root) => tableAdapter(root, DynamoDbFeedbackStore);
const labelsStore = (root: Root) => tableAdapter(root, DynamoDbLabelsStore);
const caseStats = (root: Root) => tableAdapter(root, DynamoDbCaseStats);
const aggregateStore = (root: Root) => tableAdapter(root, DynamoDbAggregateStore);
const alertLedger = (root: Root) => tableAdapter(root, DynamoDbAlertLedger);
const metricStates = (root: Root) => tableAdapter(root, DynamoDbMetricAlertStates);
const alertPublisher = (root: Root) =>
  once(
    root,
    'publisher',
    () => new SnsAlertPublisher(snsClient(root.clients), root.settings.get(ALERTS_TOPIC_ARN)),
  );
const sendQueue = (root: Root) =>
  once(
    root,
    'sendQueue',
    () =>
      new SqsSendQueue(
        sqsClient(root.clients),
        { email: root.settings.get(EMAIL_QUEUE_URL), sms: root.settings.get(SMS_QUEUE_URL) },
        root.clock,
      ),
  );
const signingKey = (root: Root): SecretSource =>
  root.given.signingKey ??
  once(root, 'signingKey', () =>
    secretsManagerSecret(secretsManagerClient(root.clients), root.settings.get(SIGNING_KEY_SECRET_ARN)),
  );
const integratorCredentials = (root: Root): IntegratorCredentials =>
  once(root, 'integratorCredentials', () =>
    credentialsFrom(
      root.given.integratorCredentials ??
        secretsManagerSecret(secretsManagerClient(root.clients), root.settings.get(API_TOKEN_SECRET_ARN)),
    ),
  );

/** What both authorizers need to let an integrator credential through: the credentials, each route's scope. */
const integratorAccessDeps = (root: Root) => ({
  credentials: integratorCredentials(root),
  routeScopes: root.settings.get(ROUTE_SCOPES),
});

/** What publishing an alert once needs (see lib/alerts/publish-once.ts). */
const publishingOnce = (root: Root) => ({
  ledger: alertLedger(root),
  publisher: alertPublisher(root),
  clock: root.clock,
});

export const authorizeIntegratorDeps = (root: Root) => integratorAccessDeps(root);

/** A verifier of the leads' ID tokens for one app client of their pool. */
const leadTokensFor = (root: Root, clientId: string): LeadTokens =>
  once(
    root,
    `leadTokens:${clientId}`,
    () =>
      new CognitoLeadTokens({
        userPoolId: root.settings.get(LEADS_USER_POOL_ID),
        clientId,
        ...(root.given.leadJwks ? { jwksOf: root.given.leadJwks } : {}),
      }),
  );

export const authorizeLeadDeps = (root: Root) => ({
  ...integratorAccessDeps(root),
  leads: root.settings.get(LEADS),
  leadTokens: leadTokensFor(root, root.settings.get(LEADS_CLIENT_ID)),
});

/**
 * How leads sign in to the console: on AWS the pool's managed login, through the console's own app
 * client; on one machine, by default, the local sign-in page.
 */
/**
 * How leads sign in to the console: the local page, or the managed login; with `flow`, what starting
 * and finishing a sign-in there needs (the pages' function), without it only where to sign out.
 */
const consoleSignIn = (root: Root, { flow }: { flow: boolean }): ConsoleDeps['signIn'] => {
  if (root.settings.get(CONSOLE_SIGN_IN) === 'local') return { kind: 'local' };
  const loginUrl = root.settings.get(LEADS_LOGIN_URL);
  const clientId = root.settings.get(CONSOLE_CLIENT_ID);
  return {
    kind: 'cognito',
    loginUrl,
    clientId,
    ...(flow
      ? {
          flow: {
            login: once(root, HttpManagedLogin, () => new HttpManagedLogin(loginUrl, clientId)),
            tokens: leadTokensFor(root, clientId),
            pending: tableAdapter(root, DynamoDbPendingLogins),
          },
        }
      : {}),
  };
};

/** Scheduling an interaction valid already; intake adds reading it (and the phone country). */
const scheduleInteractionDeps = (root: Root): ScheduleInteractionDeps => ({
  invitations: invitationStore(root),
  responses: responseStore(root),
  people: personIndex(root),
  contacts: contactLedger(root),
  sendQueue: sendQueue(root),
  clock: root.clock,
  policy: root.settings.get(CONTACT_POLICY),
});

export const acceptInteractionDeps = (root: Root): AcceptInteractionDeps => ({
  ...scheduleInteractionDeps(root),
  defaultCountry: root.settings.get(DEFAULT_COUNTRY),
});

export const reopenInteractionDeps = (root: Root): ReopenInteractionDeps => ({
  invitations: invitationStore(root),
  responses: responseStore(root),
  clock: root.clock,
});

/** Releasing an answer held as suspect reads and moves what reopening does. */
export const releaseAnswerDeps = (root: Root) => reopenInteractionDeps(root);

export const invitationReportDeps = (root: Root): Required<InvitationReportDeps> => ({
  invitations: invitationStore(root),
  responses: responseStore(root),
  labels: labelsStore(root),
});

/** The send flow's own dependencies; each sending function adds its one channel. */
const sendFlow = (root: Root): Omit<SendInvitationDeps, 'channel'> => ({
  invitations: invitationStore(root),
  contacts: sendingContactLedger(root),
  sendQueue: sendQueue(root),
  clock: root.clock,
  policy: root.settings.get(CONTACT_POLICY),
});

/** This instance's share of one channel's send rate: the consumer's maximum concurrency splits it. */
const paceOf = (root: Root, channel: 'email' | 'sms') => {
  const pace = createPacer(root.settings.get(SEND_RATES), root.settings.get(SEND_CONCURRENCY));
  return () => pace(channel);
};

export const sendEmailInvitationDeps = (root: Root): SendInvitationDeps => ({
  ...sendFlow(root),
  channel: emailChannel({
    mailer: new SesMailer(sesv2Client(root.clients), {
      fromAddress: root.settings.get(SENDER_ADDRESS),
      configurationSetName: root.settings.get(CONFIGURATION_SET_NAME),
    }),
    links: createLinks(publicUrl(root), signingKey(root)),
    messages: root.settings.get(MESSAGE_SETTINGS),
    pace: paceOf(root, 'email'),
  }),
});

export const sendSmsInvitationDeps = (root: Root): SendInvitationDeps => ({
  ...sendFlow(root),
  channel: smsChannel({
    sms: new SnsSmsSender(snsClient(root.clients), root.settings.get(SMS_ORIGINATION)),
    conversations: smsConversations(root),
    clock: root.clock,
    messages: root.settings.get(MESSAGE_SETTINGS),
    pace: paceOf(root, 'sms'),
  }),
});

export const emailFeedbackDeps = (root: Root): EmailFeedbackDeps => ({
  contacts: contactLedger(root),
  invitations: invitationStore(root),
  clock: root.clock,
});

export const answerDeps = (root: Root): AnswerDeps & { messages: MessageSettings } => ({
  invitations: invitationStore(root),
  responses: responseStore(root),
  stamps: pageStamps(root),
  clock: root.clock,
  signingKey: signingKey(root),
  messages: root.settings.get(MESSAGE_SETTINGS),
});

export const unsubscribeDeps = (root: Root): UnsubscribeDeps & { messages: MessageSettings } => ({
  invitations: invitationStore(root),
  contacts: contactLedger(root),
  clock: root.clock,
  signingKey: signingKey(root),
  messages: root.settings.get(MESSAGE_SETTINGS),
});

export const smsReplyDeps = (root: Root): SmsReplyDeps => {
  const origination = root.settings.get(SMS_ORIGINATION);
  return {
    invitations: invitationStore(root),
    responses: responseStore(root),
    contacts: contactLedger(root),
    conversations: smsConversations(root),
    // Answered from the number the customer texted, so the conversation stays on one thread.
    replies: (_to, from) =>
      new SnsSmsSender(snsClient(root.clients), { ...origination, originationNumber: from }),
    clock: root.clock,
    messages: root.settings.get(MESSAGE_SETTINGS),
  };
};

export const aggregateDeps = (root: Root): AggregateDeps => ({
  aggregates: aggregateStore(root),
  clock: root.clock,
});

/** The stage's topics: the default taxonomy as its `insights` setting changes it. */
const stageTaxonomy = (root: Root) => once(root, 'taxonomy', () => taxonomyOf(root.settings.get(INSIGHTS)));

/** Labelling comments: their labels, the analyser, the stage's topics. */
const labellingDeps = (root: Root) => ({
  labels: labelsStore(root),
  sentiment: once(root, 'sentiment', () => new ComprehendSentimentDetector(comprehendClient(root.clients))),
  taxonomy: stageTaxonomy(root),
});

/** Publishing events on the stage's bus once each, with what the stage lets them carry. */
const eventsOutDeps = (root: Root): EventsDeps => ({
  eventLedger: tableAdapter(root, DynamoDbEventLedger),
  eventPublisher: once(
    root,
    EventBridgePublisher,
    () => new EventBridgePublisher(eventBridgeClient(root.clients), root.settings.get(EVENT_BUS_NAME)),
  ),
  clock: root.clock,
  eventsOut: root.settings.get(EVENTS_OUT),
});

export const reactorDeps = (root: Root): ReactorDeps => ({
  ...labellingDeps(root),
  analysisQueue: once(
    root,
    'analysisQueue',
    () => new SqsAnalysisQueue(sqsClient(root.clients), root.settings.get(ANALYSIS_QUEUE_URL)),
  ),
  responses: responseStore(root),
  ...publishingOnce(root),
  ...eventsOutDeps(root),
  cases: caseStore(root),
  thresholds: root.settings.get(UNHAPPY_AT_OR_BELOW),
  caseUrl: caseUrlFor(publicUrl(root)),
  caseStats: caseStats(root),
  recoverySurvey: root.settings.get(RECOVERY_SURVEY),
  feedback: feedbackStore(root),
});

/** Analysing again, off the stream, the comments whose analysis was put off. */
export const retryAnalysisDeps = (root: Root): RetryAnalysisDeps => ({
  ...labellingDeps(root),
  responses: responseStore(root),
});

export const caseDeps = (root: Root): CaseDeps => ({ cases: caseStore(root), clock: root.clock });

/** Assigning a case: the cases, and the stage's leads, whom alone a case is assigned to. */
export const assignCaseDeps = (root: Root): AssignDeps => ({
  ...caseDeps(root),
  leads: root.settings.get(LEADS),
});

/** Reading what customers say: the answer listing. */
export const responsesDeps = (root: Root): ResponsesDeps => ({
  feedback: feedbackStore(root),
  clock: root.clock,
});

/** A case and the answer its held change is read from. */
export const caseViewDeps = (root: Root): CaseViewDeps => ({
  ...caseDeps(root),
  responses: responseStore(root),
  labels: labelsStore(root),
});

export const resolveCaseDeps = (root: Root): ResolveDeps => ({
  ...caseDeps(root),
  ...scheduleInteractionDeps(root),
  recoverySurvey: root.settings.get(RECOVERY_SURVEY),
});

/** What every function of the console needs: sessions, the stage's leads, how they sign in, the cases. */
const consoleBaseDeps = (root: Root, { signInFlow }: { signInFlow: boolean }): ConsoleBaseDeps => ({
  sessions: tableAdapter(root, DynamoDbSessionStore),
  leads: root.settings.get(LEADS),
  signIn: consoleSignIn(root, { flow: signInFlow }),
  publicUrl: publicUrl(root),
  clock: root.clock,
  caseView: caseViewDeps(root),
  sla: root.settings.get(CASE_SLA),
  taxonomy: stageTaxonomy(root),
});

/** The leads' console's pages, and its sign-in: the scores, the answers and the metric rules they read. */
export const consolePageDeps = (root: Root): ConsoleDeps => ({
  ...consoleBaseDeps(root, { signInFlow: true }),
  metrics: metricsDeps(root),
  feedback: responsesDeps(root),
  rules: {
    list: root.settings.get(METRIC_ALERT_RULES),
    stateOf: (ruleKey) => metricStates(root).get(ruleKey),
  },
});

/** The console's forms: the moves of a case, resolving included; no reading of scores, no signing in. */
export const consoleFormDeps = (root: Root): ConsoleFormDeps => ({
  ...consoleBaseDeps(root, { signInFlow: false }),
  resolve: resolveCaseDeps(root),
});

/** The closed loop's figures, judged against the stage's SLA and recovery survey. */
export const caseStatsDeps = (root: Root): CaseStatsDeps => ({
  caseStats: caseStats(root),
  clock: root.clock,
  sla: root.settings.get(CASE_SLA),
  recoverySurvey: root.settings.get(RECOVERY_SURVEY),
  minSample: root.settings.get(MIN_SAMPLE),
});

export const escalationDeps = (root: Root): EscalationDeps => ({
  cases: caseStore(root),
  ...publishingOnce(root),
  sla: root.settings.get(CASE_SLA),
  caseUrl: caseUrlFor(publicUrl(root)),
});

export const metricAlertDeps = (root: Root): MetricAlertDeps => ({
  metricRules: root.settings.get(METRIC_ALERT_RULES),
  aggregates: aggregateStore(root),
  metricStates: metricStates(root),
  ...publishingOnce(root),
  minSample: root.settings.get(MIN_SAMPLE),
  trendUrl: trendUrlFor(publicUrl(root)),
});

/** Erasing a person: the index that finds them, every store of what is about them, the signing key. */
export const erasePersonDeps = (root: Root): PeopleDeps => ({
  people: personIndex(root),
  contacts: contactLedger(root),
  personalData: tableAdapter(root, DynamoDbPersonalData),
  invitations: invitationStore(root),
  responses: responseStore(root),
  cases: caseStore(root),
  feedback: feedbackStore(root),
  clock: root.clock,
  signingKey: signingKey(root),
  defaultCountry: root.settings.get(DEFAULT_COUNTRY),
});

/** An access export reads what an erasure scrubs, and the answers. */
export const exportPersonDeps = (root: Root): ExportDeps => ({
  people: personIndex(root),
  personalData: tableAdapter(root, DynamoDbPersonalData),
  invitations: invitationStore(root),
  responses: responseStore(root),
  cases: caseStore(root),
  clock: root.clock,
  signingKey: signingKey(root),
  defaultCountry: root.settings.get(DEFAULT_COUNTRY),
});

export const metricsDeps = (root: Root): MetricsDeps => ({
  aggregates: aggregateStore(root),
  clock: root.clock,
  minSample: root.settings.get(MIN_SAMPLE),
});
