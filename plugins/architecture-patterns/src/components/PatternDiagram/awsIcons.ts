/*
 * The official AWS Architecture Icons (the `aws-icons` package, MIT), one
 * import per icon: each becomes a static asset the browser loads only when a
 * diagram shows it, so the page chunk carries a URL per icon, not the SVG.
 */
import aWSBackup from 'aws-icons/icons/architecture-service/AWSBackup.svg';
import aWSCloudFormation from 'aws-icons/icons/architecture-service/AWSCloudFormation.svg';
import aWSCodePipeline from 'aws-icons/icons/architecture-service/AWSCodePipeline.svg';
import aWSDatabaseMigrationService from 'aws-icons/icons/architecture-service/AWSDatabaseMigrationService.svg';
import aWSDirectConnect from 'aws-icons/icons/architecture-service/AWSDirectConnect.svg';
import aWSFargate from 'aws-icons/icons/architecture-service/AWSFargate.svg';
import aWSGlobalAccelerator from 'aws-icons/icons/architecture-service/AWSGlobalAccelerator.svg';
import aWSGlue from 'aws-icons/icons/architecture-service/AWSGlue.svg';
import aWSIdentityandAccessManagement from 'aws-icons/icons/architecture-service/AWSIdentityandAccessManagement.svg';
import aWSKeyManagementService from 'aws-icons/icons/architecture-service/AWSKeyManagementService.svg';
import aWSLambda from 'aws-icons/icons/architecture-service/AWSLambda.svg';
import aWSOutpostsfamily from 'aws-icons/icons/architecture-service/AWSOutpostsfamily.svg';
import aWSSecretsManager from 'aws-icons/icons/architecture-service/AWSSecretsManager.svg';
import aWSShield from 'aws-icons/icons/architecture-service/AWSShield.svg';
import aWSSitetoSiteVPN from 'aws-icons/icons/architecture-service/AWSSitetoSiteVPN.svg';
import aWSStepFunctions from 'aws-icons/icons/architecture-service/AWSStepFunctions.svg';
import aWSStorageGateway from 'aws-icons/icons/architecture-service/AWSStorageGateway.svg';
import aWSSystemsManager from 'aws-icons/icons/architecture-service/AWSSystemsManager.svg';
import aWSTransitGateway from 'aws-icons/icons/architecture-service/AWSTransitGateway.svg';
import aWSWAF from 'aws-icons/icons/architecture-service/AWSWAF.svg';
import aWSXRay from 'aws-icons/icons/architecture-service/AWSXRay.svg';
import amazonAPIGateway from 'aws-icons/icons/architecture-service/AmazonAPIGateway.svg';
import amazonApplicationRecoveryController from 'aws-icons/icons/architecture-service/AmazonApplicationRecoveryController.svg';
import amazonAthena from 'aws-icons/icons/architecture-service/AmazonAthena.svg';
import amazonAurora from 'aws-icons/icons/architecture-service/AmazonAurora.svg';
import amazonCloudFront from 'aws-icons/icons/architecture-service/AmazonCloudFront.svg';
import amazonCloudWatch from 'aws-icons/icons/architecture-service/AmazonCloudWatch.svg';
import amazonCognito from 'aws-icons/icons/architecture-service/AmazonCognito.svg';
import amazonDataFirehose from 'aws-icons/icons/architecture-service/AmazonDataFirehose.svg';
import amazonDocumentDB from 'aws-icons/icons/architecture-service/AmazonDocumentDB.svg';
import amazonDynamoDB from 'aws-icons/icons/architecture-service/AmazonDynamoDB.svg';
import amazonEC2 from 'aws-icons/icons/architecture-service/AmazonEC2.svg';
import amazonEC2AutoScaling from 'aws-icons/icons/architecture-service/AmazonEC2AutoScaling.svg';
import amazonEFS from 'aws-icons/icons/architecture-service/AmazonEFS.svg';
import amazonEKSAnywhere from 'aws-icons/icons/architecture-service/AmazonEKSAnywhere.svg';
import amazonElastiCache from 'aws-icons/icons/architecture-service/AmazonElastiCache.svg';
import amazonElasticContainerRegistry from 'aws-icons/icons/architecture-service/AmazonElasticContainerRegistry.svg';
import amazonElasticContainerService from 'aws-icons/icons/architecture-service/AmazonElasticContainerService.svg';
import amazonElasticKubernetesService from 'aws-icons/icons/architecture-service/AmazonElasticKubernetesService.svg';
import amazonEventBridge from 'aws-icons/icons/architecture-service/AmazonEventBridge.svg';
import amazonKinesisDataStreams from 'aws-icons/icons/architecture-service/AmazonKinesisDataStreams.svg';
import amazonMQ from 'aws-icons/icons/architecture-service/AmazonMQ.svg';
import amazonManagedGrafana from 'aws-icons/icons/architecture-service/AmazonManagedGrafana.svg';
import amazonManagedServiceforApacheFlink from 'aws-icons/icons/architecture-service/AmazonManagedServiceforApacheFlink.svg';
import amazonManagedStreamingforApacheKafka from 'aws-icons/icons/architecture-service/AmazonManagedStreamingforApacheKafka.svg';
import amazonNeptune from 'aws-icons/icons/architecture-service/AmazonNeptune.svg';
import amazonOpenSearchService from 'aws-icons/icons/architecture-service/AmazonOpenSearchService.svg';
import amazonRDS from 'aws-icons/icons/architecture-service/AmazonRDS.svg';
import amazonRedshift from 'aws-icons/icons/architecture-service/AmazonRedshift.svg';
import amazonRoute53 from 'aws-icons/icons/architecture-service/AmazonRoute53.svg';
import amazonSimpleEmailService from 'aws-icons/icons/architecture-service/AmazonSimpleEmailService.svg';
import amazonSimpleNotificationService from 'aws-icons/icons/architecture-service/AmazonSimpleNotificationService.svg';
import amazonSimpleQueueService from 'aws-icons/icons/architecture-service/AmazonSimpleQueueService.svg';
import amazonSimpleStorageService from 'aws-icons/icons/architecture-service/AmazonSimpleStorageService.svg';
import amazonVirtualPrivateCloud from 'aws-icons/icons/architecture-service/AmazonVirtualPrivateCloud.svg';
import elasticLoadBalancing from 'aws-icons/icons/architecture-service/ElasticLoadBalancing.svg';
import groupAWSAccount from 'aws-icons/icons/architecture-group/AWSAccount.svg';
import groupCorporatedatacenter from 'aws-icons/icons/architecture-group/Corporatedatacenter.svg';
import groupPrivatesubnet from 'aws-icons/icons/architecture-group/Privatesubnet.svg';
import groupPublicsubnet from 'aws-icons/icons/architecture-group/Publicsubnet.svg';
import groupRegion from 'aws-icons/icons/architecture-group/Region.svg';
import groupVirtualprivatecloudVPC from 'aws-icons/icons/architecture-group/VirtualprivatecloudVPC.svg';
import resourceUsers from 'aws-icons/icons/resource/Users.svg';
import resourceGenericApplication from 'aws-icons/icons/resource/GenericApplication.svg';

/** Icon of each AWS service, by the name patterns use in `service`. */
const SERVICE_ICONS: Record<string, string> = {
  'AWS Backup': aWSBackup,
  'AWS CloudFormation': aWSCloudFormation,
  'AWS CodePipeline': aWSCodePipeline,
  'AWS Database Migration Service': aWSDatabaseMigrationService,
  'AWS Direct Connect': aWSDirectConnect,
  'AWS Fargate': aWSFargate,
  'AWS Global Accelerator': aWSGlobalAccelerator,
  'AWS Glue': aWSGlue,
  'AWS Identity and Access Management': aWSIdentityandAccessManagement,
  'AWS Key Management Service': aWSKeyManagementService,
  'AWS Lambda': aWSLambda,
  'AWS Outposts': aWSOutpostsfamily,
  'AWS Secrets Manager': aWSSecretsManager,
  'AWS Shield': aWSShield,
  'AWS Site-to-Site VPN': aWSSitetoSiteVPN,
  'AWS Step Functions': aWSStepFunctions,
  'AWS Storage Gateway': aWSStorageGateway,
  'AWS Systems Manager': aWSSystemsManager,
  'AWS Transit Gateway': aWSTransitGateway,
  'AWS WAF': aWSWAF,
  'AWS X-Ray': aWSXRay,
  'Amazon API Gateway': amazonAPIGateway,
  'Amazon Application Recovery Controller': amazonApplicationRecoveryController,
  'Amazon Athena': amazonAthena,
  'Amazon Aurora': amazonAurora,
  'Amazon CloudFront': amazonCloudFront,
  'Amazon CloudWatch': amazonCloudWatch,
  'Amazon Cognito': amazonCognito,
  'Amazon Data Firehose': amazonDataFirehose,
  'Amazon DocumentDB': amazonDocumentDB,
  'Amazon DynamoDB': amazonDynamoDB,
  'Amazon EC2': amazonEC2,
  'Amazon EC2 Auto Scaling': amazonEC2AutoScaling,
  'Amazon ECR': amazonElasticContainerRegistry,
  'Amazon ECS': amazonElasticContainerService,
  'Amazon EFS': amazonEFS,
  'Amazon EKS': amazonElasticKubernetesService,
  'Amazon EKS Anywhere': amazonEKSAnywhere,
  'Amazon ElastiCache': amazonElastiCache,
  'Amazon EventBridge': amazonEventBridge,
  'Amazon Kinesis Data Streams': amazonKinesisDataStreams,
  'Amazon Managed Grafana': amazonManagedGrafana,
  'Amazon Managed Service for Apache Flink': amazonManagedServiceforApacheFlink,
  'Amazon Managed Streaming for Apache Kafka':
    amazonManagedStreamingforApacheKafka,
  'Amazon MQ': amazonMQ,
  'Amazon Neptune': amazonNeptune,
  'Amazon OpenSearch Service': amazonOpenSearchService,
  'Amazon RDS': amazonRDS,
  'Amazon Redshift': amazonRedshift,
  'Amazon Route 53': amazonRoute53,
  'Amazon S3': amazonSimpleStorageService,
  'Amazon SES': amazonSimpleEmailService,
  'Amazon SNS': amazonSimpleNotificationService,
  'Amazon SQS': amazonSimpleQueueService,
  'Amazon VPC': amazonVirtualPrivateCloud,
  'Elastic Load Balancing': elasticLoadBalancing,
};

/** Case- and punctuation-insensitive key, so "Amazon Route53" finds its icon. */
function key(name: string) {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BY_KEY = new Map(
  Object.entries(SERVICE_ICONS).map(([name, icon]) => [key(name), icon]),
);

/** How a node's icon is drawn: an AWS service icon, or a neutral one. */
export interface NodeIcon {
  href: string;
  /** A neutral (non-service) icon: drawn on a light tile so it shows on dark themes. */
  neutral: boolean;
}

/**
 * The icon for a diagram node: its service's AWS Architecture Icon, the
 * users icon for actors, or a neutral application icon for anything else
 * (a service the icon set does not have, an external system).
 */
export function nodeIcon(node: { service?: string; type?: string }): NodeIcon {
  const service = node.service ? BY_KEY.get(key(node.service)) : undefined;
  if (service) return { href: service, neutral: false };
  if (node.type === 'actor') return { href: resourceUsers, neutral: true };
  return { href: resourceGenericApplication, neutral: true };
}

/** Whether the icon set has an icon for this service name. */
export function hasServiceIcon(service: string): boolean {
  return BY_KEY.has(key(service));
}

/** AWS group style: border colour, dash, fill and corner icon of a group type. */
export interface GroupStyle {
  stroke: string;
  dashed: boolean;
  fill: string;
  icon?: string;
}

/**
 * The group styles of the AWS Architecture Icons deck: Region (teal, dashed,
 * flag), VPC (purple), public subnet (green) and private subnet (teal, lock),
 * AWS account (pink), Availability Zone (teal, dashed, no icon), corporate
 * data centre (grey) and the generic dashed group for tiers and boundaries.
 */
export function groupStyle(group: { type: string; label: string }): GroupStyle {
  switch (group.type) {
    case 'region':
      return {
        stroke: '#00A4A6',
        dashed: true,
        fill: 'none',
        icon: groupRegion,
      };
    case 'az':
      return { stroke: '#00A4A6', dashed: true, fill: 'rgba(0,164,166,0.04)' };
    case 'vpc':
      return {
        stroke: '#8C4FFF',
        dashed: false,
        fill: 'none',
        icon: groupVirtualprivatecloudVPC,
      };
    case 'subnet':
      return /public/i.test(group.label)
        ? {
            stroke: '#7AA116',
            dashed: false,
            fill: 'rgba(122,161,22,0.08)',
            icon: groupPublicsubnet,
          }
        : {
            stroke: '#00A4A6',
            dashed: false,
            fill: 'rgba(0,164,166,0.08)',
            icon: groupPrivatesubnet,
          };
    case 'account':
      return {
        stroke: '#E7157B',
        dashed: false,
        fill: 'none',
        icon: groupAWSAccount,
      };
    case 'on-premises':
      return {
        stroke: '#7D8998',
        dashed: false,
        fill: 'rgba(125,137,152,0.06)',
        icon: groupCorporatedatacenter,
      };
    default:
      return { stroke: '#7D8998', dashed: true, fill: 'none' };
  }
}
