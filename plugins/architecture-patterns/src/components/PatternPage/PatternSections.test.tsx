import { renderInTestApp } from '@backstage/frontend-test-utils';
import Grid from '@material-ui/core/Grid';
import { screen, within } from '@testing-library/react';
import type { ArchitecturePatternEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { PatternSections } from './PatternSections';
import { PatternLinkProvider } from '../PatternLink/PatternLinkContext';
import userEvent from '@testing-library/user-event';
import {
  library,
  libraryPattern,
  patternWithoutRules,
  patternWithRules,
  TEST_RULES,
} from '../../__testUtils__/fixtures';

function renderSections(pattern: ArchitecturePatternEntity, basePath?: string) {
  const sections = (
    <Grid container>
      <PatternSections pattern={pattern} />
    </Grid>
  );
  return renderInTestApp(
    basePath === undefined ? (
      sections
    ) : (
      <PatternLinkProvider basePath={basePath}>{sections}</PatternLinkProvider>
    ),
  );
}

function tableRows(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td'), cell => cell.textContent),
    );
}

describe('PatternSections', () => {
  it('states each trade-off as what it gives and what it costs', async () => {
    const cqrs = libraryPattern('cqrs');
    renderSections(cqrs);

    expect(await screen.findByText('Trade-offs')).toBeInTheDocument();
    expect(cqrs.spec.tradeOffs.length).toBeGreaterThan(0);
    for (const { gives, costs } of cqrs.spec.tradeOffs) {
      expect(
        screen.getByText(`Gives ${gives}, at the cost of ${costs}.`),
      ).toBeInTheDocument();
    }
  });

  it('lists benefits, when to use it and when not to', async () => {
    const saga = libraryPattern('saga');
    renderSections(saga);

    await screen.findByText('Benefits');
    for (const item of [
      ...saga.spec.benefits,
      ...saga.spec.whenToUse,
      ...saga.spec.whenNotToUse,
    ]) {
      expect(screen.getAllByText(item).length).toBeGreaterThan(0);
    }
    expect(screen.getByText('When to use')).toBeInTheDocument();
    expect(screen.getByText('When not to use')).toBeInTheDocument();
  });

  it('renders the comparison as a table of aspects by subject', async () => {
    const saga = libraryPattern('saga');
    const comparison = saga.spec.comparison!;
    renderSections(saga);

    const title = `Comparison: ${comparison.subjects.join(' vs ')}`;
    const table = await screen.findByRole('table', { name: title });
    expect(screen.getByText(title)).toBeInTheDocument();
    expect(tableRows(table)).toEqual([
      ['Aspect', ...comparison.subjects],
      ...comparison.aspects.map(a => [a.aspect, ...a.values]),
    ]);
  });

  it('has no comparison table for a pattern without a comparison', async () => {
    renderSections(libraryPattern('cqrs'));

    await screen.findByText('Trade-offs');
    expect(
      screen.queryByRole('table', { name: /^Comparison:/ }),
    ).not.toBeInTheDocument();
  });

  it('renders the extra tables of a pattern', async () => {
    const pattern = library.find(p => p.spec.tables?.length)!;
    renderSections(pattern);

    for (const extra of pattern.spec.tables!) {
      const table = await screen.findByRole('table', { name: extra.title });
      expect(tableRows(table)).toEqual([extra.columns, ...extra.rows]);
    }
  });

  it('renders the AWS services and their roles', async () => {
    const cqrs = libraryPattern('cqrs');
    renderSections(cqrs);

    const table = await screen.findByRole('table', {
      name: 'AWS services and their roles',
    });
    expect(tableRows(table)).toEqual([
      ['Service', 'Role in this pattern'],
      ...cqrs.spec.awsServices.map(s => [s.name, s.role]),
    ]);
  });

  it('renders the key decisions with their options', async () => {
    const cqrs = libraryPattern('cqrs');
    renderSections(cqrs);

    await screen.findByText('Key decisions');
    for (const decision of cqrs.spec.keyDecisions) {
      expect(screen.getByText(decision.decision)).toBeInTheDocument();
      expect(screen.getByText(decision.guidance)).toBeInTheDocument();
    }
    const withOptions = cqrs.spec.keyDecisions.filter(d => d.options);
    expect(withOptions.length).toBeGreaterThan(0);
    for (const decision of withOptions) {
      expect(
        screen.getByText(`Options: ${decision.options!.join(' · ')}`),
      ).toBeInTheDocument();
    }
  });

  it('links related patterns to their pages under /patterns', async () => {
    const cqrs = libraryPattern('cqrs');
    renderSections(cqrs);

    await screen.findByText('Related patterns');
    expect(cqrs.spec.relatedPatterns.length).toBeGreaterThan(0);
    for (const name of cqrs.spec.relatedPatterns) {
      expect(screen.getByRole('link', { name })).toHaveAttribute(
        'href',
        `/patterns/${name}`,
      );
    }
  });

  it('links related patterns below the path the app mounts the page at', async () => {
    renderSections(libraryPattern('cqrs'), '/architecture/patterns/');

    expect(await screen.findByRole('link', { name: 'saga' })).toHaveAttribute(
      'href',
      '/architecture/patterns/saga',
    );
  });

  it('renders the body as markdown', async () => {
    renderSections(libraryPattern('circuit-breaker'));

    expect(
      await screen.findByRole('heading', { name: 'How the breaker works' }),
    ).toBeInTheDocument();
  });

  it('lists the conformance rules with what they check and their severity', async () => {
    const pattern = patternWithRules('event-driven-basic');
    renderSections(pattern);

    expect(
      await screen.findByText('How conformance is checked'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Conformance rules' });
    expect(tableRows(table)).toEqual([
      ['Rule', 'What it checks', 'Severity'],
      ...TEST_RULES.map(rule => [rule.id, rule.description, rule.severity]),
    ]);
  });

  it('shows the cfn-guard code on request', async () => {
    const pattern = patternWithRules('event-driven-basic');
    renderSections(pattern);

    const summary = await screen.findByText('The cfn-guard rules');
    const details = summary.closest('details')!;
    expect(details).not.toHaveAttribute('open');
    // A native <summary>: focusable and opened by Enter or Space in browsers.
    await userEvent.click(summary);
    expect(details).toHaveAttribute('open');
    expect(within(details).getByTestId('guard-source').textContent).toBe(
      pattern.spec.conformance!.guard,
    );
  });

  it('has no conformance section for a pattern without rules', async () => {
    renderSections(patternWithoutRules('cqrs'));

    await screen.findByText('Trade-offs');
    expect(screen.queryByText('How conformance is checked')).toBeNull();
  });
});
