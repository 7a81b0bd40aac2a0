import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import {
  guideDecisionRecord,
  recommend,
  renderDecisionRecord,
  type GuideAnswers,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { patternsPage } from '../../alpha/plugin';
import {
  createCatalogApi,
  guides,
  libraryGuide,
  testApis,
} from '../../__testUtils__/fixtures';
import { captureDownloads, readBlob } from '../../__testUtils__/downloads';

const guide = libraryGuide('service-architecture');
const GUIDE_PATH = '/patterns/guides/service-architecture';

// A regulated application: three-tier, with monolith as the runner-up.
const REGULATED: GuideAnswers = {
  team: 'small-team',
  'starting-point': 'greenfield',
  'caller-waits': 'must-wait',
  consistency: 'single-transaction',
  'data-sensitivity': 'regulated',
};
// A three-person team: a monolith, for which no template exists.
const SMALL_TEAM: GuideAnswers = {
  team: 'small-team',
  'starting-point': 'greenfield',
  scaling: 'uniform',
  'caller-waits': 'must-wait',
  consistency: 'single-transaction',
};

const query = (answers: GuideAnswers) =>
  `?${new URLSearchParams(answers).toString()}`;

function renderGuide(
  url = GUIDE_PATH,
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi({ guides });
  setup?.(catalogApi);
  const { apis } = renderInTestApp(
    createExtensionTester(patternsPage).reactElement(),
    {
      apis: testApis(catalogApi),
      mountPath: '/patterns',
      initialRouteEntries: [url],
    },
  );
  return { catalogApi, history: apis.get(coreApis.appHistory)! };
}

const questionText = (id: string) =>
  guide.spec.questions.find(q => q.id === id)!.text;

/** The radio button of an answer, inside the fieldset of its question. */
function radio(questionId: string, answerId: string) {
  const question = guide.spec.questions.find(q => q.id === questionId)!;
  const answer = question.answers.find(a => a.id === answerId)!;
  return within(screen.getByRole('group', { name: question.text })).getByRole(
    'radio',
    { name: answer.label },
  );
}

async function waitForGuide() {
  expect(
    await screen.findByRole('group', { name: questionText('team') }),
  ).toBeInTheDocument();
}

describe('GuidePage', () => {
  it('asks the questions of the guide, each as a group of answers', async () => {
    const { catalogApi } = renderGuide();
    await waitForGuide();

    expect(
      screen.getByRole('heading', { name: guide.metadata.title }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Decision guides' }),
    ).toHaveAttribute('href', '/patterns/guides');
    expect(
      screen
        .getAllByRole('group')
        .map(group => group.querySelector('legend')?.textContent),
    ).toEqual(guide.spec.questions.map(q => q.text));
    for (const question of guide.spec.questions) {
      const group = within(screen.getByRole('group', { name: question.text }));
      expect(
        group.getAllByRole('radio').map(r => (r as HTMLInputElement).value),
      ).toEqual(question.answers.map(a => a.id));
      expect(
        group
          .getAllByRole('radio')
          .filter(r => (r as HTMLInputElement).checked),
      ).toEqual([]);
    }
    expect(
      screen.getByText(
        'Count the people who write, deploy and get paged for it, not the whole department.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Questions (0 of 7 answered)')).toBeInTheDocument();
    expect(
      screen.getByText(/^Answer the questions; the recommendation/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();

    expect(catalogApi.getEntityByRef).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntityByRef).toHaveBeenCalledWith({
      kind: 'DecisionGuide',
      namespace: 'default',
      name: 'service-architecture',
    });
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });

  it('keeps each answer in the URL, pushing one history entry per answer', async () => {
    const { history } = renderGuide();
    await waitForGuide();
    const length = history.getSnapshot().length!;

    await userEvent.click(radio('team', 'small-team'));

    expect(history.getSnapshot().location.pathname).toBe(GUIDE_PATH);
    expect(history.getSnapshot().location.search).toBe('?team=small-team');
    expect(history.getSnapshot().action).toBe('PUSH');
    expect(history.getSnapshot().length).toBe(length + 1);
    await waitFor(() => expect(radio('team', 'small-team')).toBeChecked());
    expect(screen.getByText('Questions (1 of 7 answered)')).toBeInTheDocument();
    // The recommendation appears with the first answer and follows each one.
    expect(screen.getByTestId('guide-recommended')).toHaveTextContent(
      'A well-structured (modular) monolith',
    );

    await userEvent.click(radio('data-sensitivity', 'regulated'));

    expect(history.getSnapshot().location.search).toBe(
      '?team=small-team&data-sensitivity=regulated',
    );
    expect(history.getSnapshot().length).toBe(length + 2);
    await waitFor(() =>
      expect(screen.getByTestId('guide-recommended')).toHaveTextContent(
        'Three-tier application with private tiers',
      ),
    );
    expect(screen.getByText('Questions (2 of 7 answered)')).toBeInTheDocument();
  });

  it('replaces an answer in the URL when another answer is chosen', async () => {
    const { history } = renderGuide(`${GUIDE_PATH}?team=small-team`);
    await waitForGuide();
    await waitFor(() => expect(radio('team', 'small-team')).toBeChecked());

    await userEvent.click(radio('team', 'several-teams'));

    expect(history.getSnapshot().location.search).toBe('?team=several-teams');
    await waitFor(() => expect(radio('team', 'several-teams')).toBeChecked());
    expect(radio('team', 'small-team')).not.toBeChecked();
  });

  it('steps back and forward through the answers with the browser history', async () => {
    const { history } = renderGuide();
    await waitForGuide();
    await userEvent.click(radio('team', 'small-team'));
    await userEvent.click(radio('data-sensitivity', 'regulated'));
    await waitFor(() =>
      expect(radio('data-sensitivity', 'regulated')).toBeChecked(),
    );

    act(() => history.navigate(-1));

    await waitFor(() =>
      expect(radio('data-sensitivity', 'regulated')).not.toBeChecked(),
    );
    expect(history.getSnapshot().location.search).toBe('?team=small-team');
    expect(radio('team', 'small-team')).toBeChecked();

    act(() => history.navigate(1));

    await waitFor(() =>
      expect(radio('data-sensitivity', 'regulated')).toBeChecked(),
    );
  });

  it('shows the recommendation for the answers in the URL, with the runner-up, trade-off and reasons', async () => {
    const expected = recommend(guide, REGULATED);
    renderGuide(`${GUIDE_PATH}${query(REGULATED)}`);

    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      'Three-tier application with private tiers',
    );
    for (const [question, answer] of Object.entries(REGULATED)) {
      expect(radio(question, answer)).toBeChecked();
    }
    expect(screen.getByText('Questions (5 of 7 answered)')).toBeInTheDocument();

    expect(screen.getByTestId('guide-runner-up')).toHaveTextContent(
      'Runner-up: A well-structured (modular) monolith (6 points against 13), which gives ' +
        'one codebase, one pipeline and local ACID transactions that a small team can run and debug ' +
        'at the cost of releases that ship everything together and scaling the whole application when one module is busy.',
    );

    const tradeOff = screen.getByTestId('guide-trade-off').textContent!;
    expect(tradeOff).toBe(expected.tradeOff);
    expect(tradeOff).toMatch(
      /^This gives .+ at the cost of .+; chosen because .+\.$/,
    );
    expect(tradeOff).toContain(
      'This gives network boundaries between the public edge, the business logic and the data that auditors can check',
    );
    expect(tradeOff).toContain(
      'chosen because regulated data has to live in private subnets',
    );

    const reasons = screen.getByText('How your answers moved the result')
      .nextElementSibling as HTMLElement;
    const items = within(reasons).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items[0]).toHaveTextContent(
      'Who will build and run the system? One small team (up to about eight people) owns all of it',
    );
    expect(items[0]).toHaveTextContent(
      'a handful of engineers cannot also staff the pipelines, tracing and on-call that many separate services demand. ' +
        '+3 A well-structured (modular) monolith, -2 Microservices behind path-based ALB routing, ' +
        '-2 Three tiers with microservices in the private application tier, +1 Three-tier application with private tiers',
    );
    expect(items.map(item => item.textContent)).toEqual(
      expected.reasons.map(r =>
        expect.stringContaining(`${r.question} ${r.answer}`),
      ),
    );
    expect(items[4]).toHaveTextContent(
      /\+8 Three-tier application with private tiers, \+7 Three tiers with microservices in the private application tier, -2 Event-driven service \(API, queue, worker\), -1 /,
    );
  });

  it('gives the reason of an answer that moves no outcome without points', async () => {
    renderGuide(`${GUIDE_PATH}?data-sensitivity=unrestricted`);

    const reason = (
      await screen.findByText(
        'What data does it handle, and where may that data sit on the network? Non-sensitive data with no rules on network placement',
      )
    ).closest('li')!;
    expect(reason.textContent).toMatch(
      /no placement rule constrains the design\.\s*$/,
    );
    // With nothing for any outcome, every outcome ties; none is picked by list order.
    expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
    expect(screen.getByTestId('guide-tie')).toHaveTextContent(
      /^A tie between 8 optionsA well-structured \(modular\) monolith and .* and Saga with compensating transactions tie at 0 points/,
    );
    expect(
      screen.queryByRole('button', { name: 'Create from template' }),
    ).not.toBeInTheDocument();
  });

  it('links to the pattern and to its template, with the form filled from the answers', async () => {
    const expected = recommend(guide, REGULATED);
    renderGuide(`${GUIDE_PATH}${query(REGULATED)}`);
    await screen.findByTestId('guide-recommended');

    expect(
      screen.getByRole('button', { name: 'Read the pattern' }),
    ).toHaveAttribute('href', '/patterns/three-tier');

    const create = screen.getByRole('button', { name: 'Create from template' });
    const href = create.getAttribute('href')!;
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/create/templates/default/three-tier-service');
    expect([...url.searchParams.keys()]).toEqual(['formData']);
    const formData = {
      databaseEngine: 'aurora-postgresql',
      context: expected.tradeOff,
      decisionGuide: 'service-architecture',
      decisionGuideAnswers: REGULATED,
    };
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual(formData);
    expect(href).toBe(
      `/create/templates/default/three-tier-service?formData=${encodeURIComponent(
        JSON.stringify(formData),
      )}`,
    );
  });

  it('offers no template when the recommended outcome has none', async () => {
    renderGuide(`${GUIDE_PATH}${query(SMALL_TEAM)}`);

    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      'A well-structured (modular) monolith',
    );
    expect(
      screen.queryByRole('button', { name: 'Create from template' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Read the pattern' }),
    ).toHaveAttribute('href', '/patterns/monolith-vs-microservice');
  });

  it('links to the comparisons of the guide', async () => {
    renderGuide(`${GUIDE_PATH}${query(REGULATED)}`);
    await screen.findByTestId('guide-recommended');

    expect(
      screen.getByRole('link', { name: 'Monolith or microservices' }),
    ).toHaveAttribute(
      'href',
      '/patterns/compare/service-architecture/monolith-vs-microservices',
    );
    expect(
      screen.getByRole('link', {
        name: 'Synchronous microservice or event-driven service',
      }),
    ).toHaveAttribute(
      'href',
      '/patterns/compare/service-architecture/sync-vs-event-driven',
    );
  });

  describe('decision record', () => {
    let capture: ReturnType<typeof captureDownloads>;
    beforeEach(() => {
      capture = captureDownloads();
    });
    afterEach(() => {
      capture.restore();
    });

    it('downloads the result as a MADR decision record', async () => {
      const recommendation = recommend(guide, REGULATED);
      renderGuide(`${GUIDE_PATH}${query(REGULATED)}`);
      await screen.findByTestId('guide-recommended');

      await userEvent.click(
        screen.getByRole('button', { name: 'Download decision record' }),
      );
      const today = new Date().toISOString().slice(0, 10);

      expect(capture.downloads).toHaveLength(1);
      const [download] = capture.downloads;
      expect(download.fileName).toBe('adr-service-architecture-three-tier.md');
      expect(download.blob.type).toBe('text/markdown');
      expect(download.linkInDocument).toBe(true);
      const markdown = await readBlob(download.blob);

      expect(markdown).toContain('## Decision Outcome');
      expect(markdown).toContain(
        'Chosen option: "Three-tier application with private tiers", because regulated data has to live in private subnets',
      );
      expect(markdown).toContain('What it gives: Network boundaries');
      expect(markdown).toMatch(
        /^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\n---\n/,
      );
      expect(markdown).toContain(
        '# Three-tier application with private tiers for which service architecture fits?',
      );
      expect(markdown).toContain(
        '- What data does it handle, and where may that data sit on the network? ' +
          'Regulated data (health, payments, personal) that must stay in private tiers behind the public edge: ' +
          'regulated data has to live in private subnets',
      );
      expect(markdown).toContain('### A well-structured (modular) monolith');
      expect(markdown).toBe(
        renderDecisionRecord(
          guideDecisionRecord({
            guide,
            recommendation,
            date: markdown.match(/date: (\S+)/)![1],
          }),
        ),
      );
      expect(markdown).toContain(`date: ${today}`);
      expect(capture.revokeObjectURL).toHaveBeenCalledWith(download.href);
      expect(document.querySelector('a[download]')).toBeNull();
    });
  });

  describe('answers in the URL that the guide does not know', () => {
    it('names an unknown question', async () => {
      renderGuide(`${GUIDE_PATH}?team=small-team&colour=blue`);
      await waitForGuide();

      expect(
        await screen.findByText(
          'answers.colour: "colour" is not a question of guide "service-architecture"',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/This link has answers the guide does not know/),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
      expect(
        screen.getByText(/^Answer the questions; the recommendation/),
      ).toBeInTheDocument();
    });

    it('names an unknown answer, and the answers the question has', async () => {
      renderGuide(`${GUIDE_PATH}?team=huge-team`);
      await waitForGuide();

      expect(
        await screen.findByText(
          'answers.team: "huge-team" is not an answer to "team" (expected one of small-team, several-teams)',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
    });

    it('recovers once the unknown answer is replaced', async () => {
      const { history } = renderGuide(`${GUIDE_PATH}?team=huge-team`);
      await screen.findByText(/answers\.team:/);

      await userEvent.click(radio('team', 'several-teams'));

      expect(history.getSnapshot().location.search).toBe('?team=several-teams');
      await waitFor(() =>
        expect(screen.queryByText(/answers\.team:/)).not.toBeInTheDocument(),
      );
      // Several teams alone favour both kinds of microservices equally.
      expect(screen.getByTestId('guide-tie')).toHaveTextContent(
        'Microservices behind path-based ALB routing and Three tiers with microservices in the private application tier tie at 3 points',
      );
    });
  });

  it('starts over by clearing every answer from the URL', async () => {
    const { history } = renderGuide(`${GUIDE_PATH}${query(REGULATED)}`);
    await screen.findByTestId('guide-recommended');
    const length = history.getSnapshot().length!;

    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));

    expect(history.getSnapshot().location.search).toBe('');
    expect(history.getSnapshot().location.pathname).toBe(GUIDE_PATH);
    // one entry, so that Back returns to the answers
    expect(history.getSnapshot().length).toBe(length + 1);
    await waitFor(() =>
      expect(
        screen.getByText('Questions (0 of 7 answered)'),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
    for (const [question, answer] of Object.entries(REGULATED)) {
      expect(radio(question, answer)).not.toBeChecked();
    }
  });

  it('says so when there is no guide of that name', async () => {
    renderGuide('/patterns/guides/no-such-guide');

    expect(
      await screen.findByRole('heading', {
        name: 'No decision guide named "no-such-guide"',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the decision guides' }),
    ).toHaveAttribute('href', '/patterns/guides');
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });

  it('shows why the guide could not be loaded', async () => {
    renderGuide(GUIDE_PATH, catalogApi =>
      catalogApi.getEntityByRef.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Error: catalog down', { selector: 'h6' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/No decision guide named/),
    ).not.toBeInTheDocument();
  });
});
