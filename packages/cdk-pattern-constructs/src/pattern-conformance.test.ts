import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { evaluateConformance, RuleVerdict } from './common/pattern-conformance';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { MultiRegionActiveActive } from './multi-region-active-active/multi-region-active-active';
import { MultiTenantSaas } from './multi-tenant-saas/multi-tenant-saas';
import { addServiceChecks } from './common/service-checks';
import { conformanceFindings } from './test-utils/conformance';
import { withCdkValidation } from './test-utils/synth';
import { ThreeTierWebApp } from './three-tier-web-app/three-tier-web-app';

/*
 * The conformance rules of the pattern library (plugins/architecture-patterns-common/library/
 * patterns/conformance) on the constructs that generated repositories use: every rule passes on
 * every variant, and each rule fails when the property it checks is taken away.
 */
const RULES_DIR = path.resolve(
  __dirname,
  '../../../plugins/architecture-patterns-common/library/patterns/conformance',
);

type Templates = Record<string, any>;

/** The app's stack templates, synthesized without validation plugins. */
function synthTemplates(build: (app: App) => void): Templates {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  const app = new App({ outdir });
  build(app);
  withCdkValidation(false, () => app.synth());
  const templates: Templates = {};
  for (const file of fs.readdirSync(outdir)) {
    if (file.endsWith('.template.json')) {
      templates[file] = JSON.parse(
        fs.readFileSync(path.join(outdir, file), 'utf8'),
      );
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return templates;
}

/** Verdict per rule of `pattern` on `templates` (written to a scratch folder). */
function verdicts(pattern: string, templates: Templates) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-data-'));
  try {
    const paths = Object.entries(templates).map(([file, json]) => {
      const full = path.join(dir, file);
      fs.writeFileSync(full, JSON.stringify(json));
      return full;
    });
    return Object.fromEntries(
      evaluateConformance([path.join(RULES_DIR, `${pattern}.guard`)], paths),
    ) as Record<string, RuleVerdict>;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Resources of one type across the templates, as [template file, logical id, resource]. */
function resourcesOf(templates: Templates, type: string) {
  return Object.entries(templates).flatMap(([file, template]) =>
    Object.entries<any>(template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => [file, id, resource] as const),
  );
}

function removeResources(templates: Templates, type: string) {
  for (const [file, id] of resourcesOf(templates, type)) {
    delete templates[file].Resources[id];
  }
}

const eventDriven = (fifo: boolean, extras: boolean) => (app: App) =>
  new EventDrivenService(new Stack(app, 'Events'), 'Service', {
    queueType: fifo ? 'fifo' : 'standard',
    ...(extras
      ? {
          eventBus: { rules: [{ name: 'all', eventPattern: {} }] },
          fanOut: {
            subscribers: [
              {
                name: 'billing',
                filterPolicy: {
                  eventType: sns.SubscriptionFilter.stringFilter({
                    allowlist: ['X'],
                  }),
                },
              },
            ],
          },
        }
      : {}),
  });

const threeTier =
  (databaseEngine: 'aurora-postgresql' | 'dynamodb' | 'both') => (app: App) =>
    new ThreeTierWebApp(
      new Stack(app, 'Web', { env: { region: 'eu-west-1' } }),
      'App',
      { databaseEngine },
    );

const activeActive =
  (routingPolicy: 'latency' | 'weighted', regions: [string, string]) =>
  (app: App) =>
    new MultiRegionActiveActive(app, 'AA', {
      regions,
      serviceName: 'catalog',
      domainName: 'api.example.com',
      hostedZoneId: 'Z0123456789EXAMPLE',
      hostedZoneName: 'example.com',
      fullLoadRequestsPerSecond: 500,
      routingPolicy,
    });

const multiTenant =
  (isolationModel: 'silo' | 'bridge' | 'pool') => (app: App) =>
    new MultiTenantSaas(new Stack(app, 'Saas'), 'Saas', {
      isolationModel,
      tenants: [{ tenantId: 'acme', tier: 'premium' }, { tenantId: 'globex' }],
    });

const allPass = (pattern: string, templates: Templates) => {
  const result = verdicts(pattern, templates);
  expect(Object.values(result).length).toBeGreaterThanOrEqual(4);
  expect(
    Object.entries(result).filter(([, verdict]) => verdict !== 'pass'),
  ).toEqual([]);
};

describe('pattern conformance rules pass on every variant of the constructs', () => {
  test.each([
    ['standard', false],
    ['fifo', true],
  ])('event-driven-basic: %s queue, bus and fan-out %s', (queue, extras) => {
    allPass(
      'event-driven-basic',
      synthTemplates(eventDriven(queue === 'fifo', extras as boolean)),
    );
  });

  test.each(['aurora-postgresql', 'dynamodb', 'both'] as const)(
    'three-tier: %s',
    engine => {
      const result = verdicts('three-tier', synthTemplates(threeTier(engine)));
      // Without Aurora the database rules have nothing to check.
      const expected = engine === 'dynamodb' ? 'absent' : 'pass';
      expect(result).toEqual({
        load_balancers_span_two_azs: 'pass',
        public_private_and_isolated_subnets: 'pass',
        internet_facing_and_internal_load_balancers: 'pass',
        database_only_in_isolated_subnets: expected,
        database_reachable_only_from_security_groups: expected,
        database_encrypted: expected,
      });
    },
  );

  test.each([
    ['latency', ['us-east-1', 'eu-west-1']],
    ['weighted', ['eu-central-1', 'ap-southeast-2']],
  ] as const)('multi-site-active-active-dr: %s, %j', (routing, regions) => {
    allPass(
      'multi-site-active-active-dr',
      synthTemplates(activeActive(routing, [...regions])),
    );
  });

  test.each(['silo', 'bridge', 'pool'] as const)(
    'multi-tenant-saas: %s',
    model => {
      allPass('multi-tenant-saas', synthTemplates(multiTenant(model)));
    },
  );
});

const EVENTS = eventDriven(false, false);
const WEB = threeTier('both');
const REGIONS = activeActive('latency', ['us-east-1', 'eu-west-1']);
const WEIGHTED = activeActive('weighted', ['us-east-1', 'eu-west-1']);
const POOL = multiTenant('pool');
const SILO = multiTenant('silo');

/** Each rule, and a change to the templates that takes its property away. */
const BREAKS: Array<
  [string, string, (app: App) => void, (templates: Templates) => void]
> = [
  [
    'event-driven-basic',
    'api_sends_to_sqs_directly',
    EVENTS,
    t => {
      for (const [, , method] of resourcesOf(t, 'AWS::ApiGateway::Method')) {
        if (method.Properties.HttpMethod === 'POST') {
          method.Properties.Integration = { Type: 'AWS_PROXY', Uri: 'lambda' };
        }
      }
    },
  ],
  [
    'event-driven-basic',
    'consumed_queues_have_dead_letter_queue',
    EVENTS,
    t => {
      for (const [, , queue] of resourcesOf(t, 'AWS::SQS::Queue')) {
        delete queue.Properties.RedrivePolicy;
      }
    },
  ],
  [
    'event-driven-basic',
    'consumed_queues_are_encrypted',
    EVENTS,
    t => {
      for (const [, , queue] of resourcesOf(t, 'AWS::SQS::Queue')) {
        delete queue.Properties.KmsMasterKeyId;
      }
    },
  ],
  [
    'event-driven-basic',
    'consumer_reports_batch_item_failures',
    EVENTS,
    t => {
      for (const [, , mapping] of resourcesOf(
        t,
        'AWS::Lambda::EventSourceMapping',
      )) {
        delete mapping.Properties.FunctionResponseTypes;
      }
    },
  ],
  [
    'event-driven-basic',
    'status_table_and_get_route',
    EVENTS,
    t => removeResources(t, 'AWS::DynamoDB::Table'),
  ],
  [
    'three-tier',
    'load_balancers_span_two_azs',
    WEB,
    t => {
      for (const [, , alb] of resourcesOf(
        t,
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
      )) {
        alb.Properties.Subnets = alb.Properties.Subnets.slice(0, 1);
      }
    },
  ],
  [
    'three-tier',
    'public_private_and_isolated_subnets',
    WEB,
    t => {
      for (const [, , subnet] of resourcesOf(t, 'AWS::EC2::Subnet')) {
        for (const tag of subnet.Properties.Tags) {
          if (tag.Value === 'Public') tag.Value = 'Private';
        }
      }
    },
  ],
  [
    'three-tier',
    'internet_facing_and_internal_load_balancers',
    WEB,
    t => {
      for (const [, , alb] of resourcesOf(
        t,
        'AWS::ElasticLoadBalancingV2::LoadBalancer',
      )) {
        alb.Properties.Scheme = 'internet-facing';
      }
    },
  ],
  [
    'three-tier',
    'database_only_in_isolated_subnets',
    WEB,
    t => {
      const [[, , group]] = resourcesOf(t, 'AWS::RDS::DBSubnetGroup');
      const publicSubnet = resourcesOf(t, 'AWS::EC2::Subnet').find(([, , s]) =>
        s.Properties.Tags.some((tag: any) => tag.Value === 'Public'),
      )!;
      group.Properties.SubnetIds.push({ Ref: publicSubnet[1] });
    },
  ],
  [
    'three-tier',
    'database_reachable_only_from_security_groups',
    WEB,
    t => {
      const [[file, , cluster]] = resourcesOf(t, 'AWS::RDS::DBCluster');
      t[file].Resources.OpenToTheVpc = {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: cluster.Properties.VpcSecurityGroupIds[0],
          CidrIp: '10.0.0.0/8',
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
        },
      };
    },
  ],
  [
    'three-tier',
    'database_encrypted',
    WEB,
    t => {
      for (const [, , cluster] of resourcesOf(t, 'AWS::RDS::DBCluster')) {
        cluster.Properties.StorageEncrypted = false;
      }
    },
  ],
  [
    'multi-site-active-active-dr',
    'global_table_with_replica_per_region',
    REGIONS,
    t => {
      for (const [, , table] of resourcesOf(t, 'AWS::DynamoDB::GlobalTable')) {
        table.Properties.Replicas = table.Properties.Replicas.slice(0, 1);
      }
    },
  ],
  [
    'multi-site-active-active-dr',
    'health_checked_latency_or_weighted_records',
    WEIGHTED,
    t => {
      for (const [, , record] of resourcesOf(t, 'AWS::Route53::RecordSet')) {
        delete record.Properties.HealthCheckId;
      }
    },
  ],
  [
    'multi-site-active-active-dr',
    'data_replicates_both_ways',
    REGIONS,
    t => removeResources(t, 'Custom::PeerBucketReplication'),
  ],
  [
    'multi-site-active-active-dr',
    'regional_api_throttled_for_full_load',
    REGIONS,
    t => {
      for (const [, , stage] of resourcesOf(t, 'AWS::ApiGateway::Stage')) {
        for (const setting of stage.Properties.MethodSettings) {
          delete setting.ThrottlingRateLimit;
        }
      }
    },
  ],
  [
    'multi-tenant-saas',
    'immutable_tenant_claim',
    POOL,
    t => {
      for (const [, , pool] of resourcesOf(t, 'AWS::Cognito::UserPool')) {
        for (const attribute of pool.Properties.Schema) {
          attribute.Mutable = true;
        }
      }
    },
  ],
  [
    'multi-tenant-saas',
    'usage_plan_per_tenant_tier',
    POOL,
    t => {
      for (const [, , api] of resourcesOf(t, 'AWS::ApiGateway::RestApi')) {
        api.Properties.ApiKeySourceType = 'HEADER';
      }
    },
  ],
  [
    'multi-tenant-saas',
    'tenant_scoped_object_access',
    POOL,
    t => {
      for (const [, , policy] of resourcesOf(t, 'AWS::IAM::Policy')) {
        for (const statement of policy.Properties.PolicyDocument.Statement) {
          if (JSON.stringify(statement.Resource).includes('PrincipalTag')) {
            statement.Resource = { 'Fn::Join': ['', ['arn:aws:s3:::b/*']] };
          }
        }
      }
    },
  ],
  [
    'multi-tenant-saas',
    'encrypted_aurora_postgresql',
    SILO,
    t => {
      const [[, , cluster]] = resourcesOf(t, 'AWS::RDS::DBCluster');
      cluster.Properties.StorageEncrypted = false;
    },
  ],
];

describe('each conformance rule fails when its property is taken away', () => {
  const cache = new Map<(app: App) => void, Templates>();
  const templatesOf = (build: (app: App) => void) => {
    if (!cache.has(build)) cache.set(build, synthTemplates(build));
    return JSON.parse(JSON.stringify(cache.get(build)));
  };

  test('every rule of the library has a case here', () => {
    const rules = fs
      .readdirSync(RULES_DIR)
      .flatMap(file =>
        [
          ...fs
            .readFileSync(path.join(RULES_DIR, file), 'utf8')
            .matchAll(/^rule\s+([a-z_]+)/gm),
        ].map(m => `${path.basename(file, '.guard')} ${m[1]}`),
      );
    expect(BREAKS.map(([p, r]) => `${p} ${r}`).sort()).toEqual(rules.sort());
  });

  test.each(BREAKS)('%s: %s', (pattern, rule, build, breakIt) => {
    const templates = templatesOf(build);
    expect(verdicts(pattern, templates)[rule]).toBe('pass');
    breakIt(templates);
    const after = verdicts(pattern, templates);
    expect(['fail', 'absent']).toContain(after[rule]);
    // Only that rule: the break is specific.
    expect(
      Object.entries(after)
        .filter(([name, verdict]) => name !== rule && verdict !== 'pass')
        .map(([name]) => name),
    ).toEqual([]);
  });
});

describe('PatternConformanceChecks (the plugin generated repositories register)', () => {
  /** A repository's conformance/ folder for event-driven-basic, as the scaffolder writes it. */
  function conformanceDirectory(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-dir-'));
    fs.copyFileSync(
      path.join(RULES_DIR, 'event-driven-basic.guard'),
      path.join(dir, 'event-driven-basic.guard'),
    );
    fs.writeFileSync(
      path.join(dir, 'rules.json'),
      JSON.stringify({
        pattern: 'event-driven-basic',
        rules: [
          {
            id: 'consumed_queues_have_dead_letter_queue',
            description: 'Every consumed queue has a dead-letter queue.',
            severity: 'high',
          },
          {
            id: 'consumer_reports_batch_item_failures',
            description: 'The consumer reports partial batch failures.',
            severity: 'medium',
          },
        ],
      }),
    );
    return dir;
  }

  test('reports nothing for the construct as generated', () => {
    const app = new App();
    eventDriven(false, true)(app);
    expect(conformanceFindings(app, conformanceDirectory())).toEqual([]);
  });

  /**
   * The rules that fail synthesis of an app whose queue lost its dead-letter queue, as the
   * validation report lists them (none when it synthesizes).
   */
  function failedRules(withServiceChecks: boolean): string[] {
    const app = new App();
    const service = eventDriven(false, false)(app);
    (service.queue.node.defaultChild as any).redrivePolicy = undefined;
    if (withServiceChecks) addServiceChecks(app, conformanceDirectory());
    try {
      withCdkValidation(false, () => app.synth());
      return [];
    } catch (error) {
      const reportFile = String(error).match(
        /can be found in: (\S+\.json)/,
      )![1];
      const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
      return report.pluginReports.flatMap((plugin: any) =>
        plugin.violations.map((violation: any) => violation.ruleName),
      );
    }
  }

  test("addServiceChecks, as a generated app calls it, fails synthesis on cdk-nag's, Control Tower's and the pattern's findings", () => {
    expect(failedRules(true).sort()).toEqual([
      'AwsSolutions-SQS3',
      'consumed_queues_have_dead_letter_queue',
      'sqs_dlq_check',
    ]);
  });

  test('without addServiceChecks the same app synthesizes', () => {
    expect(failedRules(false)).toEqual([]);
  });

  test('names the broken rule with its description when the app loses its dead-letter queue', () => {
    const app = new App();
    const service = eventDriven(false, false)(app);
    const queue = service.queue.node.defaultChild as any;
    queue.redrivePolicy = undefined;
    expect(conformanceFindings(app, conformanceDirectory())).toEqual([
      'consumed_queues_have_dead_letter_queue: event-driven-basic: Every consumed queue has a dead-letter queue.',
    ]);
  });
});

describe('optional rules', () => {
  const manifestFor = (optional: boolean) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-optional-'));
    fs.copyFileSync(
      path.join(RULES_DIR, 'three-tier.guard'),
      path.join(dir, 'three-tier.guard'),
    );
    fs.writeFileSync(
      path.join(dir, 'rules.json'),
      JSON.stringify({
        pattern: 'three-tier',
        rules: [
          {
            id: 'database_encrypted',
            description: 'Encrypted.',
            severity: 'high',
            optional,
          },
          {
            id: 'load_balancers_span_two_azs',
            description: 'Two AZs.',
            severity: 'high',
          },
        ],
      }),
    );
    return dir;
  };

  test('a DynamoDB-only three-tier app passes the Aurora rules when they are optional, and fails them when not', () => {
    const build = () => {
      const app = new App();
      threeTier('dynamodb')(app);
      return app;
    };
    expect(conformanceFindings(build(), manifestFor(true))).toEqual([]);
    expect(conformanceFindings(build(), manifestFor(false))).toEqual([
      'database_encrypted: three-tier: Encrypted. (nothing in the app has what this rule checks)',
    ]);
  });
});
