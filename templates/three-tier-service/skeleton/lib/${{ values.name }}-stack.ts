import { Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ThreeTierWebApp } from './constructs/three-tier-web-app/three-tier-web-app';

/**
 * Region of the stack. ThreeTierWebApp needs a region-specific stack (ALB access logs go
 * to the regional Elastic Load Balancing account); the account stays unresolved, so the
 * two Availability Zones are chosen at deploy time without a context lookup.
 */
export const REGION = '${{ values.region }}';

/**
 * ${{ values.name }}: internet -> public ALB -> web Auto Scaling group -> internal ALB ->
 * app Auto Scaling group -> {% if values.databaseEngine == 'both' %}Aurora PostgreSQL and DynamoDB{% elif values.databaseEngine == 'dynamodb' %}DynamoDB{% else %}Aurora PostgreSQL{% endif %}, over two Availability Zones.
 * Generated from the ${{ values.templateName }} template ${{ values.templateVersion }}
 * (pattern ${{ values.pattern }}); the options chosen then are written in below.
 */
export class ThreeTierServiceStack extends Stack {
  public readonly webApp: ThreeTierWebApp;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      description: '${{ values.name }}: three-tier web application (ALB -> web ASG -> internal ALB -> app ASG -> data tier)',
      env: { region: REGION },
      ...props,
    });
    Tags.of(this).add('service', '${{ values.name }}');
    Tags.of(this).add('architecture-pattern', '${{ values.pattern }}');

    this.webApp = new ThreeTierWebApp(this, 'WebApp', {
      databaseEngine: '${{ values.databaseEngine }}',
      // Replace the default AMI and user data (nginx on the web tier, a small JSON service on
      // the app tier) with your own; both must answer GET /health with 200.
      webTier: { minCapacity: ${{ values.webMinCapacity }}, maxCapacity: ${{ values.webMaxCapacity }} },
      appTier: { minCapacity: ${{ values.appMinCapacity }}, maxCapacity: ${{ values.appMaxCapacity }} },{% if values.databaseAdminUsername %}
      // The cluster was created with this administrator; renaming it would replace the cluster.
      databaseAdminUsername: '${{ values.databaseAdminUsername }}',{% endif %}
      // Pass an ACM certificate ARN (same region) to serve HTTPS and redirect HTTP to it:
      // certificateArn: 'arn:aws:acm:${{ values.region }}:<account>:certificate/<id>',
    });
  }
}
