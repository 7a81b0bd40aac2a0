import { App, Stack } from 'aws-cdk-lib';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { reportConformance } from './common/report-conformance';
import { EventDrivenService } from './event-driven-service/event-driven-service';
import { withCdkValidation } from './test-utils/synth';

const RULES = path.resolve(
  __dirname,
  '../../../plugins/architecture-patterns-common/library/patterns/conformance/event-driven-basic.guard',
);

/** A generated repository after `cdk synth`: conformance/ and cdk.out/. */
function repository(options: { withDeadLetterQueue: boolean }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
  fs.mkdirSync(path.join(root, 'conformance'));
  fs.copyFileSync(
    RULES,
    path.join(root, 'conformance/event-driven-basic.guard'),
  );
  fs.writeFileSync(
    path.join(root, 'conformance/rules.json'),
    JSON.stringify({
      pattern: 'event-driven-basic',
      patternRef: 'architecturepattern:default/event-driven-basic',
      entityRef: 'component:default/orders',
      rules: [
        {
          id: 'consumed_queues_have_dead_letter_queue',
          description: 'Every consumed queue has a dead-letter queue.',
          severity: 'high',
        },
        {
          id: 'api_sends_to_sqs_directly',
          description: 'The API sends to SQS directly.',
          severity: 'high',
        },
      ],
    }),
  );
  const app = new App({ outdir: path.join(root, 'cdk.out') });
  const service = new EventDrivenService(new Stack(app, 'Orders'), 'Service');
  if (!options.withDeadLetterQueue) {
    (service.queue.node.defaultChild as any).redrivePolicy = undefined;
  }
  withCdkValidation(false, () => app.synth());
  return root;
}

const SHA = 'a'.repeat(40);

describe('report-conformance (the generated CI step)', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => {}));
  afterEach(() => jest.restoreAllMocks());

  test('posts the failing rules for the commit, with the token', async () => {
    const post = jest.fn(async () => new Response('{}', { status: 201 }));
    const result = await reportConformance({
      root: repository({ withDeadLetterQueue: false }),
      env: {
        ARCHITECTURE_PORTAL_URL: 'https://portal.example.com/',
        ARCHITECTURE_PORTAL_TOKEN: 'secret-token',
        GITHUB_SHA: SHA,
      },
      post: post as unknown as typeof fetch,
    });
    expect(result).toEqual({
      failingRules: ['consumed_queues_have_dead_letter_queue'],
      reported: true,
    });
    expect(post).toHaveBeenCalledWith(
      'https://portal.example.com/api/architecture-patterns/conformance/results',
      expect.objectContaining({ method: 'POST' }),
    );
    const [, init] = post.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).Authorization).toBe(
      'Bearer secret-token',
    );
    expect(JSON.parse(init.body as string)).toEqual({
      entityRef: 'component:default/orders',
      patternRef: 'architecturepattern:default/event-driven-basic',
      commit: SHA,
      failingRules: ['consumed_queues_have_dead_letter_queue'],
    });
  });

  test('without the portal settings it only prints the verdicts', async () => {
    const post = jest.fn();
    await expect(
      reportConformance({
        root: repository({ withDeadLetterQueue: true }),
        env: {},
        post: post as unknown as typeof fetch,
      }),
    ).resolves.toEqual({ failingRules: [], reported: false });
    expect(post).not.toHaveBeenCalled();
  });

  test('fails the step when the portal refuses the result', async () => {
    const post = jest.fn(
      async () => new Response('not a declared pattern', { status: 400 }),
    );
    await expect(
      reportConformance({
        root: repository({ withDeadLetterQueue: true }),
        env: {
          ARCHITECTURE_PORTAL_URL: 'https://portal.example.com',
          ARCHITECTURE_PORTAL_TOKEN: 't',
          GITHUB_SHA: SHA,
        },
        post: post as unknown as typeof fetch,
      }),
    ).rejects.toThrow(
      'The portal refused the result: 400 not a declared pattern',
    );
  });
});
