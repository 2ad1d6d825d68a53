import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { HSTS_MAX_AGE_SECONDS } from '../../lib/platform/http/responses.js';

export interface CustomerEdgeProps {
  /** The API whose customers' routes the distribution fronts. */
  readonly httpApi: IHttpApi;
  /** The ARN of the stage's CloudFront-scoped WAF web ACL (made in us-east-1, see `EdgeStack`). */
  readonly webAclArn: string;
  /** Named in the distribution's comment. */
  readonly stage: string;
}

/**
 * A CloudFront distribution in front of the HTTP API for customers' survey and unsubscribe links,
 * behind the stage's WAF web ACL (which serves those links only and limits each client IP). Nothing is
 * cached: every request reaches the API as the customer sent it, with the API's own host name, and
 * every answer that comes back through it carries HSTS, API Gateway's own (429, 404) included.
 */
export class CustomerEdge extends Construct {
  readonly distribution: Distribution;
  /** The base of customers' links through the edge. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CustomerEdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Pulse ${props.stage}: HSTS on every answer of the edge`,
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Pulse ${props.stage}: customers' survey and unsubscribe links`,
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: false,
      defaultBehavior: {
        origin: new HttpOrigin(`${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        // The survey form and one-click unsubscribe are POSTs.
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        // API Gateway routes by its own host name; everything else (query, cookies, user agent) goes on.
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Customers answer from wherever they are; the stage surveys whoever its integrators send, so there is no country to refuse.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          "CloudFront's access logs keep each request's path, and a survey or unsubscribe path is the customer's signed token; the HTTP API behind it logs every request by route key, without the path, and WAF keeps metrics of its rules.",
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          "The distribution serves its own cloudfront.net name with CloudFront's default certificate, whose minimum protocol CloudFront fixes; raising it takes a custom domain with its own certificate, which the links do not use.",
      },
    );
  }
}
