import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { parseJson } from '../lib/platform/json.js';
import { EdgeStack } from './edge-stack.js';
import { parseStageConfig, type StageConfig } from './stage-config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/** A placeholder that synthesizes; a real stage sets its verified SES identity in `pulse:config`. */
const DEFAULT_SENDER_ADDRESS = 'surveys@example.com';

/** The app and its parts, for the CLI to synthesize and for tests to inspect. */
export interface PulseApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  /** The stage's WAF web ACL in us-east-1, when the stage has an edge (`edge`). */
  readonly edge?: EdgeStack;
}

/**
 * `pulse:config` arrives as an object from cdk.json and as a JSON string from `-c pulse:config='{...}'`;
 * both mean the same.
 */
const configContext = (value: unknown): Record<string, unknown> => {
  if (value === undefined) return {};
  let parsed: unknown = value;
  if (typeof value === 'string') {
    parsed = parseJson(value);
    if (parsed === undefined) throw new Error('invalid stage configuration: pulse:config is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('invalid stage configuration: pulse:config must be a JSON object');
  }
  return parsed as Record<string, unknown>;
};

/**
 * The Pulse app: the stage config read from CDK context and validated (a wrong setting fails synth
 * naming it), the stateful and stateless stacks of the stage (and, when the stage has an edge, the
 * stack of its web ACL in us-east-1), and the AWS Solutions and Serverless rule packs run on
 * everything.
 *
 * @param context CDK context such as `{ 'pulse:config': { ... } }`, for tests and tools; what the CLI passes
 *   (cdk.json, `-c`) wins over it.
 */
/** What the stateless stack takes from the stateful one. */
export const statefulResourcesOf = (stateful: StatefulStack) => ({
  table: stateful.table,
  alertsTopic: stateful.alertsTopic,
  eventsOutBus: stateful.eventBus,
  configurationSet: stateful.configurationSet,
  emailFeedbackTopic: stateful.emailFeedbackTopic,
  inboundSmsTopic: stateful.inboundSmsTopic,
  signingKey: stateful.signingKey,
  apiToken: stateful.apiToken,
  leadSignIn: {
    userPoolId: stateful.leadSignIn.userPool.userPoolId,
    clientId: stateful.leadSignIn.client.userPoolClientId,
    loginUrl: stateful.leadSignIn.loginUrl,
  },
  ...(stateful.alertDeliveryFailureQueue
    ? { alertDeliveryFailureQueue: stateful.alertDeliveryFailureQueue }
    : {}),
  ...(stateful.tableKey ? { tableKey: stateful.tableKey } : {}),
  ...(stateful.analytics ? { analyticsFailureQueue: stateful.analytics.failureQueue } : {}),
});

export const buildApp = (context: Record<string, unknown> = {}): PulseApp => {
  const app = new App({
    context: {
      // Strong references: CloudFormation refuses to drop an export of the table or a secret while the
      // stateless stack still imports it.
      '@aws-cdk/core:defaultCrossStackReferences': 'strong',
      ...context,
    },
  });
  const stage = app.node.tryGetContext('pulse:stage') ?? 'dev';
  const config = parseStageConfig({
    stage,
    senderAddress: DEFAULT_SENDER_ADDRESS,
    ...configContext(app.node.tryGetContext('pulse:config')),
  });

  const stateful = new StatefulStack(app, `Pulse-${config.stage}-Stateful`, {
    description: `Pulse ${config.stage}: table, alerts topic, SES configuration set and secrets`,
    config,
  });
  const edge = config.edge
    ? new EdgeStack(app, `Pulse-${config.stage}-Edge`, {
        description: `Pulse ${config.stage}: the WAF web ACL of the distribution in front of customers' links`,
        stage: config.stage,
        rateLimitPer5Minutes: config.edge.rateLimitPer5Minutes,
      })
    : undefined;
  const stateless = new StatelessStack(app, `Pulse-${config.stage}-Stateless`, {
    description: `Pulse ${config.stage}: functions, HTTP API, event bus and queues`,
    config,
    ...statefulResourcesOf(stateful),
    ...(edge ? { edgeWebAclArn: edge.webAclArn } : {}),
  });
  // The ARN is read from the edge stack's outputs, so that stack must be deployed first.
  if (edge) stateless.addStackDependency(edge, "reads the web ACL's ARN from its outputs");
  Tags.of(app).add('pulse:stage', config.stage);

  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return { app, config, stateful, stateless, ...(edge ? { edge } : {}) };
};

const isEntryPoint = (): boolean => {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
};

if (isEntryPoint()) buildApp().app.synth();
