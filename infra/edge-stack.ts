import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionSpec } from './wiring.js';

/** WAF keeps a web ACL for CloudFront, and everything it uses, only in this region. */
export const EDGE_REGION = 'us-east-1';

/** The output other stacks read the web ACL's ARN from. */
const ARN_OUTPUT = 'WebAclArn';

/** The evaluation window of the per-client rule: the setting counts requests in five minutes. */
const WINDOW_SECONDS = 300;

export interface EdgeStackProps extends StackProps {
  /** The stage, named in the web ACL's description. */
  readonly stage: string;
  /** Requests one client IP address may make to customers' links in five minutes before WAF answers 429. */
  readonly rateLimitPer5Minutes: number;
  /**
   * The functions and their wiring, whose public routes are the customers' links.
   * @default FUNCTIONS from `infra/wiring.ts`
   */
  readonly functions?: readonly FunctionSpec[];
}

/**
 * The start of the path of each public route ("/s/" of "GET /s/{token}"): the survey and unsubscribe
 * links in messages, which the edge serves and nothing else.
 */
export const customerLinkPrefixes = (specs: readonly FunctionSpec[] = FUNCTIONS): string[] => [
  ...new Set(
    specs.flatMap(({ trigger }) =>
      trigger.kind === 'http' && trigger.auth === 'public'
        ? [trigger.path.includes('{') ? trigger.path.slice(0, trigger.path.indexOf('{')) : trigger.path]
        : [],
    ),
  ),
];

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/**
 * The stage's AWS WAF web ACL for its CloudFront distribution, in us-east-1 because WAF keeps
 * CloudFront's web ACLs there whatever region the stage is in. It serves customers' links only (any
 * other path is a 404 at the edge), and blocks a client IP address that passes `rateLimitPer5Minutes`
 * requests to them in five minutes with a 429 until its rate falls back below, so that one client
 * cannot push the survey routes into their API limits for every customer.
 *
 * The stateless stack reads its ARN with `Fn::GetStackOutput` (`webAclArn`), which crosses regions
 * without the custom resources of CDK's own cross-region references and without giving the other
 * stacks an explicit region.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION } });
    const prefixes = customerLinkPrefixes(props.functions);
    const startsWith = (prefix: string): CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    const customerLinks: CfnWebACL.StatementProperty =
      prefixes.length === 1
        ? startsWith(prefixes[0] as string)
        : { orStatement: { statements: prefixes.map(startsWith) } };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      description: `Pulse ${props.stage}: survey and unsubscribe links only, rate limited per client IP`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('PulseEdge'),
      rules: [
        {
          name: 'NotACustomerLink',
          priority: 0,
          statement: { notStatement: { statement: customerLinks } },
          action: { block: { customResponse: { responseCode: 404 } } },
          visibilityConfig: visibility('NotACustomerLink'),
        },
        {
          name: 'CustomerLinksPerClientIp',
          priority: 1,
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Minutes,
              evaluationWindowSec: WINDOW_SECONDS,
              aggregateKeyType: 'IP',
              scopeDownStatement: customerLinks,
            },
          },
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: visibility('CustomerLinksPerClientIp'),
        },
      ],
    });
    new CfnOutput(this, ARN_OUTPUT, {
      value: this.webAcl.attrArn,
      description: "The web ACL of the stage's CloudFront distribution",
    }).overrideLogicalId(ARN_OUTPUT);
  }

  /** The web ACL's ARN, for a stack in any region that is deployed after this one. */
  get webAclArn(): string {
    return Fn.getStackOutput(this.stackName, ARN_OUTPUT, this.region);
  }
}
