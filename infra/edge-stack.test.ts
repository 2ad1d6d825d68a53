import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PulseApp } from './app.js';
import { customerLinkPrefixes, EdgeStack } from './edge-stack.js';

/** Config tests need no function code: skipping bundling keeps them fast. */
const noBundling = { 'aws:cdk:bundling-stacks': [] };

/** The app of a stage with an edge, `edge` its setting. */
const withEdge = (edge: Record<string, unknown> = {}, config: Record<string, unknown> = {}) =>
  buildApp({ ...noBundling, 'pulse:config': { edge, ...config } });

const edgeOf = (pulse: PulseApp) => {
  if (!pulse.edge) throw new Error('the stage has no edge stack');
  return pulse.edge;
};

/**
 * A stage with an edge (its default limit) and its templates: synthesizing runs the rule packs over
 * every stack, which takes seconds, so it happens once.
 */
let pulse: PulseApp;
let edgeTemplate: Template;
let statelessTemplate: Template;

beforeAll(() => {
  pulse = withEdge();
  edgeTemplate = Template.fromStack(edgeOf(pulse));
  statelessTemplate = Template.fromStack(pulse.stateless);
}, 180_000);

type Rule = { Name: string; Priority: number; Statement: Record<string, unknown>; Action: unknown };

const rulesOf = (template: Template): Rule[] => {
  const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0];
  return acl?.Properties.Rules as Rule[];
};

/** The edge stack alone, outside the app and its rule packs, with this limit. */
const edgeWithLimit = (rateLimitPer5Minutes: number) =>
  Template.fromStack(new EdgeStack(new App(), 'Edge', { stage: 'dev', rateLimitPer5Minutes }));

/** A statement matching requests whose path starts with each of `prefixes`. */
const pathsStartingWith = (prefixes: string[]) => ({
  OrStatement: {
    Statements: prefixes.map((prefix) => ({
      ByteMatchStatement: {
        FieldToMatch: { UriPath: {} },
        PositionalConstraint: 'STARTS_WITH',
        SearchString: prefix,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    })),
  },
});

const variablesOf = (pulse: PulseApp, name: string) => {
  const fn = pulse.stateless.functions.get(name)?.function.node.defaultChild as CfnFunction;
  return (pulse.stateless.resolve(fn.environment) as { variables: Record<string, unknown> }).variables;
};

describe('EdgeStack', () => {
  it('is not made unless the stage asks for an edge', () => {
    const pulse = buildApp(noBundling);

    expect(pulse.edge).toBeUndefined();
    expect(pulse.app.node.children.map((child) => child.node.id)).not.toContain('Pulse-dev-Edge');
  });

  it('makes a CloudFront-scoped web ACL in us-east-1, in a stack the stateless stack is deployed after', () => {
    const edge = edgeOf(pulse);

    expect([edge.stackName, edge.region]).toEqual(['Pulse-dev-Edge', 'us-east-1']);
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
    expect(pulse.stateless.dependencies).toContain(edge);
  });

  it('serves the survey and unsubscribe links only: any other path is a 404 at the edge', () => {
    const [first] = rulesOf(edgeTemplate);

    expect(customerLinkPrefixes().sort()).toEqual(['/s/', '/u/']);
    expect(first).toEqual({
      Name: 'NotACustomerLink',
      Priority: 0,
      Statement: { NotStatement: { Statement: pathsStartingWith(customerLinkPrefixes()) } },
      Action: { Block: { CustomResponse: { ResponseCode: 404 } } },
      VisibilityConfig: expect.objectContaining({ CloudWatchMetricsEnabled: true }),
    });
  });

  it('answers 429 to a client IP past the stage’s limit on customers’ links in five minutes', () => {
    const rule = rulesOf(edgeWithLimit(200)).find(({ Name }) => Name === 'CustomerLinksPerClientIp');

    expect(rule).toMatchObject({
      Statement: {
        RateBasedStatement: {
          Limit: 200,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: 300,
          ScopeDownStatement: pathsStartingWith(customerLinkPrefixes()),
        },
      },
      Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
    });
  });

  it('limits each client IP to 500 requests in five minutes by default, and refuses less than WAF allows', () => {
    const rule = rulesOf(edgeTemplate).find(({ Name }) => Name === 'CustomerLinksPerClientIp');

    expect(rule?.Statement).toMatchObject({ RateBasedStatement: { Limit: 500 } });
    expect(() => withEdge({ rateLimitPer5Minutes: 5 })).toThrow(/pulse:config\.edge\.rateLimitPer5Minutes/);
  });
});

describe('the distribution in front of customers’ links', () => {
  it('sits behind the web ACL, whose ARN it reads from the edge stack’s outputs in us-east-1', () => {
    statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        WebACLId: {
          'Fn::GetStackOutput': { StackName: 'Pulse-dev-Edge', OutputName: 'WebAclArn', Region: 'us-east-1' },
        },
      },
    });
    edgeTemplate.hasOutput('WebAclArn', {
      Value: { 'Fn::GetAtt': ['WebAcl', 'Arn'] },
    });
  });

  it('passes every request to the API uncached, with the API’s own host name, over HTTPS only', () => {
    statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: {
          AllowedMethods: Match.arrayWith(['GET', 'HEAD', 'POST']),
          // The managed CachingDisabled and AllViewerExceptHostHeader policies.
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
          ViewerProtocolPolicy: 'redirect-to-https',
        },
        Origins: [
          {
            DomainName: {
              'Fn::Join': [
                '',
                Match.arrayWith([{ Ref: Match.stringLikeRegexp('^HttpApi') }, '.execute-api.']),
              ],
            },
            CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
          },
        ],
      },
    });
  });

  it('adds HSTS to every answer through the edge, API Gateway’s own included', () => {
    statelessTemplate.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63_072_000,
            IncludeSubdomains: true,
            Override: true,
          },
        },
      },
    });
    statelessTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: { Ref: Match.anyValue() } } },
    });
  });

  it('carries the links in invitations, while the links in alerts stay on the API', () => {
    const { stateless } = pulse;

    expect(variablesOf(pulse, 'send-email-invitation').PUBLIC_URL).toEqual(
      stateless.resolve(stateless.edge?.url),
    );
    expect(JSON.stringify(stateless.resolve(stateless.edge?.url))).toMatch(
      /^\{"Fn::Join":\["",\["https:\/\/",\{"Fn::GetAtt":\["CustomerEdgeDistribution\w+","DomainName"\]\}/,
    );
    for (const name of ['react-to-answers', 'escalate-cases', 'evaluate-metric-alerts']) {
      expect(variablesOf(pulse, name).PUBLIC_URL).toEqual(stateless.resolve(stateless.httpApi.apiEndpoint));
    }
    statelessTemplate.hasOutput('CustomerLinksUrl', Match.anyValue());
  });

  it('is refused together with publicUrl, which would pass it by', () => {
    expect(() => withEdge({}, { publicUrl: 'https://feedback.acme.example' })).toThrow(
      /pulse:config\.edge: links go to publicUrl/,
    );
  });

  it('leaves no AWS Solutions or Serverless finding unacknowledged, in any of the stage’s stacks', () => {
    const { app } = pulse;

    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      const report = pack.validateScope(app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    }
  });
});
