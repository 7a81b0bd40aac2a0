import fs from 'fs-extra';
import path from 'path';
import { writeProjectFiles } from '../../actions/constructs/projectFiles';
import { createTemporaryFolder } from '../../__testUtils__/mockActionContext';
import { REPO_ROOT } from '../../__testUtils__/portalTestBackend';
import { gateReportMarkdown } from './gateReport';
import { runSafetyGate } from './runSafetyGate';
import { UPGRADE_TEST_INSTALLS } from '../__testUtils__/releaseFixtures';

// Real npm installs, tests and synths: one install shared by every case.
jest.setTimeout(600_000);

const LIBRARY = path.join(REPO_ROOT, 'packages/cdk-pattern-constructs');

type AppOptions = {
  tableId?: string;
  topicName?: string;
  withAuditStack?: boolean;
  failingTest?: boolean;
};

/** A small CDK service with a table (stateful) and a topic (not), as a generated repository lays it out. */
async function cdkRepository(options: AppOptions = {}) {
  const {
    tableId = 'Orders',
    topicName = 'Order events',
    withAuditStack = true,
    failingTest = false,
  } = options;
  const dir = createTemporaryFolder('cdk-app-');
  await writeProjectFiles({
    libraryDir: LIBRARY,
    targetDir: dir,
    packageName: 'gate-fixture',
  });
  await fs.outputFile(
    path.join(dir, 'lib/service-stack.ts'),
    `import { Stack, StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export class ServiceStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new dynamodb.Table(this, '${tableId}', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    });
    new sns.Topic(this, 'Events', { displayName: '${topicName}' });
  }
}
`,
  );
  await fs.outputFile(
    path.join(dir, 'bin/app.ts'),
    `import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServiceStack } from '../lib/service-stack';

const app = new App();
new ServiceStack(app, 'Service');
${
  withAuditStack
    ? "const audit = new Stack(app, 'Audit');\nnew sqs.Queue(audit, 'AuditQueue');"
    : ''
}
`,
  );
  await fs.outputFile(
    path.join(dir, 'test/service-stack.test.ts'),
    `import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ServiceStack } from '../lib/service-stack';

test('the service has one table', () => {
  const template = Template.fromStack(new ServiceStack(new App(), 'Service'));
  template.resourceCountIs('AWS::DynamoDB::Table', ${failingTest ? 2 : 1});
});
`,
  );
  return dir;
}

describe('the upgrade safety gate', () => {
  // Shared with the other upgrade tests: installs are keyed by the lock file.
  const installCacheDir = UPGRADE_TEST_INSTALLS;
  const gate = (
    beforeDir: string,
    afterDir: string,
    declaredReplacements: Array<{
      stack: string;
      logicalId: string;
      reason: string;
    }> = [],
  ) =>
    runSafetyGate({
      beforeDir,
      afterDir,
      workDir: createTemporaryFolder('gate-'),
      installCacheDir,
      declaredReplacements,
    });

  let before: string;
  beforeAll(async () => {
    before = await cdkRepository();
  });

  it('passes a change to stateless resources and lists it, after tests and synth on both sides', async () => {
    const report = await gate(
      before,
      await cdkRepository({ topicName: 'Order events v2' }),
    );
    expect(report.before.map(c => [c.name, c.ok, c.output])).toEqual([
      ['npm ci', true, ''],
      ['npm test', true, ''],
      ['cdk synth', true, ''],
    ]);
    expect(report.passed).toBe(true);
    expect(report.after.every(c => c.ok)).toBe(true);
    expect(report.resources).toEqual([
      expect.objectContaining({
        stack: 'Service',
        type: 'AWS::SNS::Topic',
        change: 'changed',
        stateful: false,
      }),
    ]);
    expect(report.blocked).toEqual([]);
    expect(gateReportMarkdown(report)).toContain('Safety gate: **passed**.');
  });

  it('blocks a logical id change that replaces a table, naming the stack, the resource and the type', async () => {
    const report = await gate(
      before,
      await cdkRepository({ tableId: 'OrderTable' }),
    );
    expect(report.passed).toBe(false);
    expect(report.blocked).toEqual([
      expect.objectContaining({
        stack: 'Service',
        type: 'AWS::DynamoDB::Table',
        // Tables are retained by default: CloudFormation would let go of the old one.
        change: 'orphaned',
        logicalId: expect.stringMatching(/^Orders/),
      }),
    ]);
    expect(report.blocked[0].why).toMatch(
      /AWS::DynamoDB::Table Orders\w+ in Service would be orphaned, and the version's migration does not declare it/,
    );
    expect(report.resources).toContainEqual(
      expect.objectContaining({
        change: 'added',
        logicalId: expect.stringMatching(/^OrderTable/),
      }),
    );
    const markdown = gateReportMarkdown(report);
    expect(markdown).toContain(
      'Safety gate: **refused**: AWS::DynamoDB::Table',
    );
    expect(markdown).toContain('**blocks the upgrade**');
  });

  it('lets the same change through when the migration declares it, and shows the reason', async () => {
    const report = await gate(
      before,
      await cdkRepository({ tableId: 'OrderTable' }),
      [
        {
          stack: 'Serv*',
          logicalId: 'Orders*',
          reason:
            'the table moves to a new key schema; export and import the items first',
        },
      ],
    );
    expect(report.passed).toBe(true);
    expect(gateReportMarkdown(report)).toContain(
      'declared by the migration: the table moves to a new key schema',
    );
  });

  it('reports a removed stack as destroyed, and blocks for its queue', async () => {
    const report = await gate(
      before,
      await cdkRepository({ withAuditStack: false }),
    );
    expect(report.resources).toContainEqual(
      expect.objectContaining({
        stack: 'Audit',
        type: 'AWS::SQS::Queue',
        change: 'destroyed',
        stateful: true,
      }),
    );
    expect(report.passed).toBe(false);
  });

  it('refuses when the tests fail after the upgrade, with the end of their output', async () => {
    const report = await gate(
      before,
      await cdkRepository({ failingTest: true }),
    );
    expect(report.passed).toBe(false);
    const test = report.after.find(c => c.name === 'npm test')!;
    expect(test.ok).toBe(false);
    expect(test.output).toMatch(/the service has one table/);
    expect(gateReportMarkdown(report)).toContain(
      'npm test failed after the upgrade',
    );
  });
});
