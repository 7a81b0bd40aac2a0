import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  recommend,
  type DecisionGuideEntity,
  type GuideAnswers,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { screen, within } from '@testing-library/react';
import { GuideResult } from './GuideResult';
import { PatternLinkProvider } from '../PatternLink/PatternLinkContext';
import { libraryGuide } from '../../__testUtils__/fixtures';

function renderResult(
  guide: DecisionGuideEntity,
  answers: GuideAnswers,
  paths?: {
    basePath: string;
    templatePath?: (ref: { namespace: string; name: string }) => string;
  },
) {
  const recommendation = recommend(guide, answers);
  const result = <GuideResult guide={guide} recommendation={recommendation} />;
  renderInTestApp(
    paths ? (
      <PatternLinkProvider {...paths}>{result}</PatternLinkProvider>
    ) : (
      result
    ),
  );
  return { recommendation };
}

function formDataOf(link: HTMLElement) {
  const url = new URL(link.getAttribute('href')!, 'http://localhost');
  return {
    path: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

/** A guide with one question and the given outcomes. */
function smallGuide(
  outcomes: DecisionGuideEntity['spec']['outcomes'],
): DecisionGuideEntity {
  return {
    apiVersion: 'architecture.platform.dev/v1alpha1',
    kind: 'DecisionGuide',
    metadata: {
      name: 'small',
      namespace: 'default',
      title: 'Small guide',
      description: 'A small guide.',
    },
    spec: {
      owner: 'group:default/platform-team',
      outcomes,
      questions: [
        {
          id: 'q',
          text: 'Which?',
          answers: [
            {
              id: 'a',
              label: 'The first',
              scores: { [outcomes[0].id]: 1 },
              because: 'it is first',
            },
          ],
        },
      ],
    },
  };
}

describe('GuideResult', () => {
  it('fills the template form with the values of the supporting answers', async () => {
    const { recommendation } = renderResult(
      libraryGuide('messaging-streaming'),
      {
        ordering: 'any-order',
        duplicates: 'harmless',
        consumers: 'several',
        routing: 'no-routing',
        volume: 'moderate',
      },
    );

    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      recommendation.recommended!.title,
    );
    expect(recommendation.recommended!.id).toBe('sns-fan-out');
    const { path, formData } = formDataOf(
      screen.getByRole('button', { name: 'Create from template' }),
    );
    expect(path).toBe('/create/templates/default/event-driven-service');
    expect(formData).toEqual({
      queueType: 'standard',
      enableFanOut: true,
      context: recommendation.tradeOff,
      decisionGuide: 'messaging-streaming',
      // Only the questions answered, question id to answer id.
      decisionGuideAnswers: {
        ordering: 'any-order',
        duplicates: 'harmless',
        consumers: 'several',
        routing: 'no-routing',
        volume: 'moderate',
      },
    });
    expect(
      screen.getByRole('button', { name: 'Read the pattern' }),
    ).toHaveAttribute('href', '/patterns/sns-sqs-fan-out');
  });

  it('uses the paths the app gives for patterns, templates and comparisons', async () => {
    renderResult(
      libraryGuide('disaster-recovery'),
      { rpo: 'near-zero', rto: 'near-zero', budget: 'double', users: 'global' },
      {
        basePath: '/architecture/',
        templatePath: ({ namespace, name }) => `/scaffold/${namespace}/${name}`,
      },
    );

    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      'active-active',
    );
    expect(
      screen.getByRole('button', { name: 'Read the pattern' }),
    ).toHaveAttribute('href', '/architecture/multi-site-active-active-dr');
    const { path, formData } = formDataOf(
      screen.getByRole('button', { name: 'Create from template' }),
    );
    expect(path).toBe('/scaffold/default/active-active-service');
    expect(formData.routingPolicy).toBe('latency');
    expect(
      screen.getByRole('link', {
        name: 'Disaster recovery strategies side by side',
      }),
    ).toHaveAttribute(
      'href',
      '/architecture/compare/disaster-recovery/dr-strategies',
    );
  });

  it('cuts the decision context for the template form to 500 characters', async () => {
    const guide = smallGuide([
      {
        id: 'long',
        title: 'Long',
        pattern: 'cqrs',
        template: 'some-template',
        gives: 'x'.repeat(400),
        costs: 'y'.repeat(400),
      },
      { id: 'short', title: 'Short', pattern: 'saga', gives: 'a', costs: 'b' },
    ]);
    const { recommendation } = renderResult(guide, { q: 'a' });

    const { formData } = formDataOf(
      await screen.findByRole('button', { name: 'Create from template' }),
    );
    expect(recommendation.tradeOff.length).toBeGreaterThan(500);
    expect(formData.context).toHaveLength(500);
    expect(formData.context).toBe(recommendation.tradeOff.slice(0, 500));
    // The page itself shows the whole trade-off.
    expect(screen.getByTestId('guide-trade-off')).toHaveTextContent(
      recommendation.tradeOff,
    );
  });

  it('shows no runner-up when the guide has a single outcome, and no comparisons it lacks', async () => {
    renderResult(
      smallGuide([
        {
          id: 'only',
          title: 'The only way',
          pattern: 'cqrs',
          gives: 'all',
          costs: 'nothing',
        },
      ]),
      { q: 'a' },
    );

    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      'The only way',
    );
    expect(screen.queryByTestId('guide-runner-up')).not.toBeInTheDocument();
    expect(screen.getByTestId('guide-trade-off')).toHaveTextContent(
      'This gives all at the cost of nothing; chosen because it is first.',
    );
    expect(screen.queryByText(/Compare side by side/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create from template' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download decision record' }),
    ).toBeInTheDocument();
  });

  it('lists one reason per answer with the points it gave, leaving out zeros', async () => {
    const guide = smallGuide([
      { id: 'one', title: 'One', pattern: 'cqrs', gives: 'a', costs: 'b' },
      { id: 'two', title: 'Two', pattern: 'saga', gives: 'c', costs: 'd' },
      { id: 'three', title: 'Three', pattern: 'saga', gives: 'e', costs: 'f' },
    ]);
    guide.spec.questions[0].answers[0].scores = { one: 2, two: 0, three: -1 };
    renderResult(guide, { q: 'a' });

    const item = (await screen.findByText('Which? The first')).closest('li')!;
    expect(
      within(item).getByText('it is first. +2 One, -1 Three'),
    ).toBeInTheDocument();
  });

  it('shows a constrained recommendation with the answer that ruled each option out', async () => {
    renderResult(libraryGuide('disaster-recovery'), {
      rpo: 'minutes',
      rto: 'hours',
    });

    // Backup and restore scores highest, but its recovery point is hours.
    expect(await screen.findByTestId('guide-recommended')).toHaveTextContent(
      'Pilot light',
    );
    const ruledOut = screen.getByTestId('guide-ruled-out');
    expect(within(ruledOut).getAllByRole('listitem')).toHaveLength(1);
    expect(ruledOut).toHaveTextContent(
      /Backup and restore\s*Excluded by "A few minutes at most" \(How much recent data could you lose/,
    );
  });

  it('states a conflict, the conflicting answers and what would resolve it, recommending nothing', async () => {
    const hybrid = libraryGuide('hybrid-connectivity');
    const { recommendation } = renderResult(hybrid, {
      'setup-time': 'days',
      'data-residency': 'private-path',
    });

    const conflict = await screen.findByTestId('guide-conflict');
    expect(conflict).toHaveTextContent('No option meets every requirement');
    expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create from template' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download decision record' }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('guide-trade-off')).toHaveTextContent(
      recommendation.conflict!.reads[0],
    );
    expect(
      within(screen.getByTestId('guide-conflicting-answers'))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'How soon must the connection be live? Within a day or two',
      'Where may the data be processed? In the Region, but never across the public internet, even encrypted',
    ]);
    const resolutions = within(screen.getByTestId('guide-resolutions'))
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(resolutions).toEqual([
      'How soon must the connection be live? "Weeks to a few months is acceptable" instead of "Within a day or two"leaves AWS Direct Connect, AWS Outposts',
      'Where may the data be processed? "Anywhere in the AWS Region; only transport matters" instead of "In the Region, but never across the public internet, even encrypted"leaves AWS Site-to-Site VPN',
    ]);
    expect(
      within(screen.getByTestId('guide-ruled-out')).getAllByRole('listitem'),
    ).toHaveLength(3);
  });

  it('shows a tie as a tie, both options and what would separate them', async () => {
    renderResult(libraryGuide('service-architecture'), {
      'starting-point': 'greenfield',
    });

    const tie = await screen.findByTestId('guide-tie');
    expect(tie).toHaveTextContent(
      'A tie between 2 options' +
        'A well-structured (modular) monolith and Three-tier application with private tiers tie at 1 point; ' +
        'answering more questions can separate them. The guide does not pick one for you.' +
        'A well-structured (modular) monolith (1 point)',
    );
    expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument();
    expect(
      within(tie).getByRole('button', {
        name: 'Read the pattern: Three-tier application with private tiers',
      }),
    ).toHaveAttribute('href', '/patterns/three-tier');
    expect(screen.getByTestId('guide-separators')).toHaveTextContent(
      /Answering "Regulated data .*" \(What data does it handle.*\)would recommend Three-tier application with private tiers/,
    );
  });
});
