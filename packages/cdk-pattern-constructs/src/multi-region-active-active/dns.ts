import { Aws, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import type { ActiveActiveRegionalStackProps } from './active-active-regional-stack';

/**
 * The API's custom domain (`CustomDomain`, TLS 1.2, with the given or a new DNS-validated
 * certificate) and its DNS, in `scope`: an HTTPS health check of this region's `/health`
 * (`HealthCheck`) and a latency (or 50/50 weighted) alias record for `domainName` (`Record`)
 * that Route 53 withdraws while the check fails.
 */
export function createCustomDomainAndDns(
  scope: Construct,
  api: apigw.RestApi,
  props: ActiveActiveRegionalStackProps,
): {
  domainName: apigw.DomainName;
  healthCheck: route53.HealthCheck;
  record: route53.ARecord;
} {
  const zone = route53.HostedZone.fromHostedZoneAttributes(scope, 'Zone', {
    hostedZoneId: props.hostedZoneId,
    zoneName: props.hostedZoneName,
  });
  const certificate = props.certificateArn
    ? acm.Certificate.fromCertificateArn(
        scope,
        'Certificate',
        props.certificateArn,
      )
    : new acm.Certificate(scope, 'Certificate', {
        domainName: props.domainName,
        validation: acm.CertificateValidation.fromDns(zone),
      });
  const domainName = api.addDomainName('CustomDomain', {
    domainName: props.domainName,
    certificate,
    endpointType: apigw.EndpointType.REGIONAL,
    securityPolicy: apigw.SecurityPolicy.TLS_1_2,
  });

  const healthCheck = new route53.HealthCheck(scope, 'HealthCheck', {
    type: route53.HealthCheckType.HTTPS,
    // The region-specific execute-api endpoint, so each check probes exactly one region.
    fqdn: `${api.restApiId}.execute-api.${props.region}.${Aws.URL_SUFFIX}`,
    port: 443,
    resourcePath: `/${api.deploymentStage.stageName}/health`,
    requestInterval: Duration.seconds(30),
    failureThreshold: 3,
    measureLatency: true,
  });
  const routing = props.routingPolicy ?? 'latency';
  const record = new route53.ARecord(scope, 'Record', {
    zone,
    recordName: props.domainName,
    target: route53.RecordTarget.fromAlias(
      new route53targets.ApiGatewayDomain(domainName),
    ),
    setIdentifier: `${props.serviceName}-${props.region}`,
    region: routing === 'latency' ? props.region : undefined,
    weight: routing === 'weighted' ? 50 : undefined,
    healthCheck: healthCheck,
  });
  return { domainName, healthCheck, record };
}
