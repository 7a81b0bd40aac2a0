import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { PatternDiagram } from './PatternDiagram';
import { library, libraryPattern } from '../../__testUtils__/fixtures';

describe('PatternDiagram', () => {
  it('shows progress while ELK lays the diagram out', async () => {
    const pattern = libraryPattern('circuit-breaker');
    renderInTestApp(
      <PatternDiagram
        diagram={pattern.spec.diagram}
        title={pattern.metadata.title}
      />,
    );

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: `Diagram: ${pattern.metadata.title}`,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });

  it('draws nodes, service names, groups and edge labels', async () => {
    const pattern = libraryPattern('circuit-breaker');
    const { diagram } = pattern.spec;
    renderInTestApp(
      <PatternDiagram diagram={diagram} title={pattern.metadata.title} />,
    );

    const svg = await screen.findByRole('img', {
      name: `Diagram: ${pattern.metadata.title}`,
    });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    const [, , width, height] = svg
      .getAttribute('viewBox')!
      .split(' ')
      .map(Number);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);

    const payment = diagram.nodes.find(n => n.id === 'payment')!;
    const api = diagram.nodes.find(n => n.id === 'api')!;
    expect(
      within(screen.getByTestId('diagram-node-payment')).getByText(
        payment.label,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('diagram-node-api')).getByText(api.service!),
    ).toBeInTheDocument();
    for (const group of diagram.groups ?? []) {
      expect(
        within(screen.getByTestId(`diagram-group-${group.id}`)).getByText(
          group.label,
        ),
      ).toBeInTheDocument();
    }
    for (const edge of diagram.edges.filter(e => e.label)) {
      expect(within(svg).getByText(edge.label!)).toBeInTheDocument();
    }
  });

  it.each(library.map(p => [p.metadata.name, p] as const))(
    'draws one node per node of %s',
    async (_name, pattern) => {
      const { diagram } = pattern.spec;
      renderInTestApp(
        <PatternDiagram diagram={diagram} title={pattern.metadata.title} />,
      );

      const svg = await screen.findByRole('img', {
        name: `Diagram: ${pattern.metadata.title}`,
      });
      for (const node of diagram.nodes) {
        expect(
          within(svg).getAllByTestId(`diagram-node-${node.id}`),
        ).toHaveLength(1);
      }
      expect(within(svg).getAllByTestId(/^diagram-node-/)).toHaveLength(
        diagram.nodes.length,
      );
      expect(within(svg).queryAllByTestId(/^diagram-group-/)).toHaveLength(
        diagram.groups?.length ?? 0,
      );
    },
  );
});
