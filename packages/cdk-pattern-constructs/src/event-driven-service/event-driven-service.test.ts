import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import { nagFindings } from '../test-utils/nag';
import {
  fastTemplate,
  strictApp,
  validatedTemplate,
} from '../test-utils/synth';
import {
  EventDrivenService,
  EventDrivenServiceProps,
} from './event-driven-service';

function build(props: EventDrivenServiceProps = {}, app: App = new App()) {
  const stack = new Stack(app, 'Events');
  const service = new EventDrivenService(stack, 'Service', props);
  return { app, stack, service };
}

const ref = (stack: Stack, c: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(c.node.defaultChild as any);

describe('EventDrivenService (standard queue, bus + fan-out)', () => {
  let app: App;
  let stack: Stack;
  let service: EventDrivenService;
  let template: Template;

  beforeAll(() => {
    ({ app, stack, service } = build(
      {
        maxReceiveCount: 7,
        processorTimeout: Duration.seconds(20),
        eventSource: 'com.example.orders',
        eventBus: {
          rules: [
            { name: 'created', eventPattern: { detailType: ['OrderCreated'] } },
          ],
        },
        fanOut: {
          subscribers: [
            {
              name: 'billing',
              filterPolicy: {
                eventType: sns.SubscriptionFilter.stringFilter({
                  allowlist: ['OrderCreated'],
                }),
              },
            },
            { name: 'audit' },
          ],
        },
      },
      strictApp(),
    ));
    // The one synthesis of this pattern with CDK template validation ON.
    template = validatedTemplate(stack);
  });

  test('POST /requests is an AWS integration to SQS SendMessage answering 202 with the request id', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'AWS_IAM',
      RequestValidatorId: Match.anyValue(),
      RequestModels: { 'application/json': Match.anyValue() },
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        Uri: { 'Fn::Join': ['', Match.arrayWith([':sqs:path/'])] },
        RequestParameters: {
          'integration.request.header.Content-Type':
            "'application/x-www-form-urlencoded'",
        },
        RequestTemplates: {
          'application/json': Match.stringLikeRegexp(
            '^#set\\(\\$owner = .*\\)Action=SendMessage&MessageBody=\\$util\\.urlEncode\\(\\$input\\.body\\).*StringValue=\\$util\\.urlEncode\\(\\$context\\.requestId\\)',
          ),
        },
        IntegrationResponses: Match.arrayWith([
          Match.objectLike({
            StatusCode: '202',
            ResponseTemplates: {
              'application/json': Match.stringLikeRegexp(
                '"requestId":"\\$context\\.requestId"',
              ),
            },
          }),
        ]),
      },
      MethodResponses: Match.arrayWith([{ StatusCode: '202' }]),
    });
  });

  test('GET /requests/{id} reads the status from DynamoDB (Query AWS integration, validated path parameter)', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', {
      PathPart: '{id}',
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'AWS_IAM',
      RequestParameters: { 'method.request.path.id': true },
      Integration: Match.objectLike({
        Type: 'AWS',
        Uri: {
          'Fn::Join': ['', Match.arrayWith([':dynamodb:action/Query'])],
        },
        IntegrationResponses: Match.arrayWith([
          Match.objectLike({
            StatusCode: '200',
            ResponseTemplates: {
              'application/json': Match.stringLikeRegexp(
                'responseOverride.status = 404',
              ),
            },
          }),
        ]),
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });

  test('API stage has access logging, execution logging, X-Ray and throttling; WAF is associated', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: {
          'Fn::GetAtt': [ref(stack, service.accessLogGroup), 'Arn'],
        },
        Format: Match.anyValue(),
      },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'INFO',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.anyValue(),
    });
  });

  test('request queue: KMS, TLS-only policy, DLQ redrive with maxReceiveCount, visibility = 6 x function timeout', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      KmsMasterKeyId: {
        'Fn::GetAtt': [ref(stack, service.encryptionKey), 'Arn'],
      },
      VisibilityTimeout: 120,
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [ref(stack, service.deadLetterQueue), 'Arn'],
        },
        maxReceiveCount: 7,
      },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ref(stack, service.queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 20,
      Runtime: 'nodejs22.x',
      TracingConfig: { Mode: 'Active' },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [ref(stack, service.deadLetterQueue), 'QueueName'],
          },
        },
      ],
    });
  });

  test('processor consumes the queue with ReportBatchItemFailures and writes to an encrypted, PITR table', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [ref(stack, service.queue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'requestId', KeyType: 'HASH' }],
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: Match.anyValue(),
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: ref(stack, service.processorRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Action: 'dynamodb:UpdateItem',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [ref(stack, service.table), 'Arn'] },
          },
        ]),
      },
    });
  });

  test('API integration role may only SendMessage to the queue and Query the table', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: ref(stack, service.apiIntegrationRole) }],
      PolicyDocument: {
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [ref(stack, service.queue), 'Arn'] },
          },
          {
            Action: 'dynamodb:Query',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [ref(stack, service.table), 'Arn'] },
          },
          {
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Effect: 'Allow',
            Resource: {
              'Fn::GetAtt': [ref(stack, service.encryptionKey), 'Arn'],
            },
          },
        ],
      },
    });
  });

  test('EventBridge bus rule routes the service source to an encrypted SQS target with a DLQ', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: ref(stack, service.eventBus!) },
      EventPattern: {
        source: ['com.example.orders'],
        'detail-type': ['OrderCreated'],
      },
      Targets: [
        Match.objectLike({
          Arn: {
            'Fn::GetAtt': [ref(stack, service.ruleTargetQueues.created), 'Arn'],
          },
          DeadLetterConfig: Match.anyValue(),
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          EVENT_BUS_NAME: { Ref: ref(stack, service.eventBus!) },
          EVENT_SOURCE: 'com.example.orders',
        }),
      },
    });
  });

  test('SNS fan-out: encrypted TLS-only topic, one filtered subscription per subscriber', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: {
        'Fn::GetAtt': [ref(stack, service.subscriberQueues.billing), 'Arn'],
      },
      FilterPolicy: { eventType: ['OrderCreated'] },
      RedrivePolicy: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Endpoint: {
        'Fn::GetAtt': [ref(stack, service.subscriberQueues.audit), 'Arn'],
      },
      FilterPolicy: Match.absent(),
    });
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings', () => {
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('EventDrivenService (FIFO, Cognito)', () => {
  let app: App;
  let template: Template;

  beforeAll(() => {
    app = new App();
    const stack = new Stack(app, 'Fifo');
    const userPool = new cognito.UserPool(stack, 'Pool');
    new EventDrivenService(stack, 'Service', {
      queueType: 'fifo',
      contentBasedDeduplication: true,
      defaultMessageGroupId: 'orders',
      userPool,
      enableWaf: false,
    });
    template = fastTemplate(stack);
  });

  test('FIFO queue and DLQ with .fifo names and content-based de-duplication', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('-requests\\.fifo$'),
      FifoQueue: true,
      ContentBasedDeduplication: true,
      RedrivePolicy: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('-dlq\\.fifo$'),
      FifoQueue: true,
    });
    template.resourcePropertiesCountIs(
      'AWS::SQS::Queue',
      { FifoQueue: true },
      2,
    );
  });

  test('SendMessage template sets MessageGroupId (header or default) and no explicit dedup id', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'COGNITO_USER_POOLS',
      Integration: Match.objectLike({
        RequestTemplates: {
          'application/json': Match.stringLikeRegexp(
            'X-Message-Group-Id.*"orders".*MessageGroupId=\\$util\\.urlEncode\\(\\$group\\)',
          ),
        },
      }),
    });
    const methods = template.findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: 'POST' },
    });
    const tpl = (Object.values(methods)[0] as any).Properties.Integration
      .RequestTemplates['application/json'];
    expect(tpl).not.toContain('MessageDeduplicationId');
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  test('cdk-nag AwsSolutions: no unacknowledged findings (Cognito authorizer needs no COG4 acknowledgement)', () => {
    const findings = nagFindings(app).filter(f => f.includes('/Service/'));
    // APIG3 is the only finding, caused by enableWaf: false on purpose in this variant.
    expect(findings).toEqual([
      expect.stringMatching(
        /^warning AwsSolutions-APIG3 Fifo\/Service\/Api\/DeploymentStage\.prod/,
      ),
    ]);
  });
});

describe('EventDrivenService prop validation', () => {
  const cases: Array<[string, EventDrivenServiceProps, RegExp]> = [
    [
      'maxReceiveCount 0',
      { maxReceiveCount: 0 },
      /maxReceiveCount 0: must be an integer between 1 and 1000/,
    ],
    [
      'maxReceiveCount 1001',
      { maxReceiveCount: 1001 },
      /maxReceiveCount 1001: must be an integer between 1 and 1000/,
    ],
    [
      'visibilityTimeout < 6x',
      {
        processorTimeout: Duration.seconds(30),
        visibilityTimeout: Duration.seconds(60),
      },
      /visibilityTimeout 60s: must be at least 6 x processorTimeout \(180s\)/,
    ],
    [
      'queueType',
      { queueType: 'priority' as any },
      /queueType "priority": must be one of 'standard', 'fifo'/,
    ],
    [
      'contentBasedDeduplication on standard',
      { contentBasedDeduplication: true },
      /contentBasedDeduplication: only allowed when queueType is 'fifo'/,
    ],
    ['batchSize', { batchSize: 11 }, /batchSize 11/],
    [
      'processorTimeout',
      { processorTimeout: Duration.minutes(16) },
      /processorTimeout \(seconds\) 960/,
    ],
    ['empty rules', { eventBus: { rules: [] } }, /eventBus\.rules: 0 given/],
    [
      'duplicate subscriber',
      { fanOut: { subscribers: [{ name: 'a' }, { name: 'a' }] } },
      /fanOut\.subscribers\[\]\.name: duplicate value "a"/,
    ],
    [
      'bad subscriber name',
      { fanOut: { subscribers: [{ name: 'has space' }] } },
      /fanOut\.subscribers\[0\]\.name "has space"/,
    ],
    [
      'aws. event source',
      { eventSource: 'aws.orders' },
      /eventSource "aws\.orders": must not start with "aws\."/,
    ],
  ];
  test.each(cases)('rejects %s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe('EventDrivenService key and queue policies (confused deputy)', () => {
  const { stack } = build({
    eventBus: {
      rules: [{ name: 'created', eventPattern: { detailType: ['Created'] } }],
    },
    fanOut: { subscribers: [{ name: 'audit' }] },
  });
  const template = fastTemplate(stack);
  const serviceStatements = (doc: any) =>
    (doc.Statement as any[]).filter(st =>
      ['events.amazonaws.com', 'sns.amazonaws.com'].some(s =>
        [st.Principal?.Service ?? []].flat().includes(s),
      ),
    );
  const source = (st: any) =>
    Object.values(st.Condition ?? {}).find(
      (c: any) => c && 'aws:SourceArn' in c,
    ) as any;

  test('the key lets EventBridge and SNS use it only for this account’s rules and topics', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const statements = serviceStatements(key.Properties.KeyPolicy);
    expect(statements.length).toBeGreaterThanOrEqual(2);
    for (const st of statements) {
      expect(st.Condition.StringEquals['aws:SourceAccount']).toEqual({
        Ref: 'AWS::AccountId',
      });
      const service = [st.Principal.Service].flat()[0];
      const kind = service === 'events.amazonaws.com' ? 'events' : 'sns';
      expect(JSON.stringify(source(st)['aws:SourceArn'])).toContain(
        `:${kind}:`,
      );
    }
  });

  test('every queue policy statement for EventBridge or SNS carries aws:SourceAccount and aws:SourceArn', () => {
    const policies = Object.values(
      template.findResources('AWS::SQS::QueuePolicy'),
    );
    const statements = policies.flatMap(p =>
      serviceStatements(p.Properties.PolicyDocument),
    );
    // rule target queue + downstream DLQ (events), subscriber queue + downstream DLQ (sns)
    expect(statements.length).toBeGreaterThanOrEqual(4);
    for (const st of statements) {
      expect(st.Condition.StringEquals['aws:SourceAccount']).toEqual({
        Ref: 'AWS::AccountId',
      });
      expect(source(st)).toBeDefined();
    }
  });
});

/**
 * Evaluates the JSON-string escapes of an API Gateway mapping template the way VTL would, for one
 * value: `$util.escapeJavaScript(x)` escapes \\, ", ' (as \\') and control characters;
 * `.replaceAll("\\\\'", "'")` undoes the \\' that JSON does not allow.
 */
function renderEscapes(template: string, value: string): string {
  const escapeJavaScript = (v: string) =>
    v
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/'/g, "\\'")
      .replace(/\n/g, '\\n');
  return template.replace(
    /\$util\.escapeJavaScript\(([^)]*\)?)\)(\.replaceAll\("\\\\'", "'"\))?/g,
    (_m, _expr, fix) => {
      const escaped = escapeJavaScript(value);
      return fix ? escaped.replace(/\\'/g, "'") : escaped;
    },
  );
}

describe('EventDrivenService API mapping templates', () => {
  const { stack } = build();
  const template = fastTemplate(stack);
  const methods = Object.values(
    template.findResources('AWS::ApiGateway::Method'),
  ) as any[];
  const get = methods.find(m => m.Properties.HttpMethod === 'GET');
  const post = methods.find(m => m.Properties.HttpMethod === 'POST');
  const requestTemplate = (m: any): string => {
    const t = m.Properties.Integration.RequestTemplates['application/json'];
    // Fn::Join of literal parts and tokens (table name): tokens become a placeholder.
    return typeof t === 'string'
      ? t
      : t['Fn::Join'][1]
          .map((p: any) => (typeof p === 'string' ? p : 'TOKEN'))
          .join('');
  };

  test("every escaped value in the GET templates stays valid JSON, even with a ' in it", () => {
    const body = requestTemplate(get).split('\n').slice(1).join('\n');
    const hostile = `it's "x"\\y`;
    const parsed = JSON.parse(renderEscapes(body, hostile));
    expect(parsed.ExpressionAttributeValues[':id']).toEqual({ S: hostile });
    const found = get.Properties.Integration.IntegrationResponses.find(
      (r: any) => r.StatusCode === '200',
    ).ResponseTemplates['application/json'] as string;
    const [, , , notFound, , ok] = found.split('\n');
    expect(JSON.parse(renderEscapes(notFound, hostile)).requestId).toBe(
      hostile,
    );
    const okJson = JSON.parse(
      renderEscapes(
        ok.replace(
          /#if\(\$item\.attempts\.N\)\$item\.attempts\.N#\{else\}0#end/,
          '1',
        ),
        hostile,
      ),
    );
    expect(okJson.status).toBe(hostile);
  });

  test('GET only returns a request to the caller that made it (owner recorded at POST, filtered in the query)', () => {
    const body = requestTemplate(get);
    expect(body.split('\n')[0]).toMatch(
      /^#set\(\$owner = \$context\.identity\.userArn\.replaceAll\(/,
    );
    const json = JSON.parse(
      renderEscapes(body.split('\n').slice(1).join('\n'), 'v'),
    );
    expect(json).toMatchObject({
      KeyConditionExpression: 'requestId = :id',
      FilterExpression: 'requestedBy = :owner',
      ConsistentRead: true,
    });
    // POST sends the same owner expression as the message attribute the processor records.
    const send = requestTemplate(post);
    expect(send).toContain(body.split('\n')[0]);
    expect(send).toContain('MessageAttribute.2.Name=owner');
    expect(send).toContain(
      'MessageAttribute.2.Value.StringValue=$util.urlEncode($owner)',
    );
  });

  test('Cognito: the owner is the token subject', () => {
    const stack2 = new Stack(new App(), 'C');
    const pool = new cognito.UserPool(stack2, 'Pool');
    new EventDrivenService(stack2, 'S', { userPool: pool });
    const m = Object.values(
      fastTemplate(stack2).findResources('AWS::ApiGateway::Method'),
    ).find((x: any) => x.Properties.HttpMethod === 'GET') as any;
    expect(requestTemplate(m)).toMatch(
      /^#set\(\$owner = \$context\.authorizer\.claims\.sub\)/,
    );
  });

  test('SQS and DynamoDB 4xx reach the client as 400, only 5xx as 500', () => {
    for (const m of [get, post]) {
      const responses = m.Properties.Integration.IntegrationResponses;
      expect(responses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            StatusCode: '400',
            SelectionPattern: '4\\d{2}',
          }),
          expect.objectContaining({
            StatusCode: '500',
            SelectionPattern: '5\\d{2}',
          }),
        ]),
      );
    }
  });
});
