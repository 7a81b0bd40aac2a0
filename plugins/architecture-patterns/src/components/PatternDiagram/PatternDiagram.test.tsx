import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PatternDiagram } from './PatternDiagram';
import { library, libraryPattern } from '../../__testUtils__/fixtures';
import { captureDownloads, readBlob } from '../../__testUtils__/downloads';

async function renderDiagram(name: string) {
  const pattern = libraryPattern(name);
  renderInTestApp(
    <PatternDiagram
      diagram={pattern.spec.diagram}
      title={pattern.metadata.title!}
    />,
  );
  const svg = await screen.findByRole('img', {
    name: `Diagram: ${pattern.metadata.title}`,
  });
  return { pattern, svg };
}

/** The icon a node shows (jest turns an imported SVG into its file name). */
function iconOf(nodeId: string) {
  return screen
    .getByTestId(`diagram-node-${nodeId}`)
    .querySelector('image')
    ?.getAttribute('href');
}

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

  it("shows each node's AWS Architecture Icon, and a neutral icon where there is none", async () => {
    await renderDiagram('circuit-breaker');
    expect(iconOf('api')).toBe('AmazonAPIGateway.svg');
    expect(iconOf('client')).toBe('Users.svg');
    expect(iconOf('payment')).toBe('GenericApplication.svg');
  });

  it('draws Regions, VPCs and subnets with their AWS group icons', async () => {
    await renderDiagram('microservices-alb-path-routing');
    const groupIcon = (id: string) =>
      screen
        .getByTestId(`diagram-group-${id}`)
        .querySelector('image')
        ?.getAttribute('href');
    expect(groupIcon('region')).toBe('Region.svg');
    expect(groupIcon('vpc')).toBe('VirtualprivatecloudVPC.svg');
    expect(groupIcon('public')).toBe('Publicsubnet.svg');
    expect(groupIcon('private')).toBe('Privatesubnet.svg');
  });

  it('describes every node and edge as text for screen readers', async () => {
    const { svg, pattern } = await renderDiagram('multi-site-active-active-dr');
    const description = document.getElementById(
      svg.getAttribute('aria-describedby')!,
    )!;
    const { diagram } = pattern.spec;
    expect(description).toHaveTextContent(
      `${diagram.nodes.length} components and ${diagram.edges.length} connections`,
    );
    expect(description).toHaveTextContent(
      'ALB (us-east-1) (Elastic Load Balancing), in us-east-1',
    );
    expect(description).toHaveTextContent(
      'Global table replica to Global table replica: async multi-active replication',
    );
  });

  it('lets the keyboard reach the nodes that stand for related patterns', async () => {
    const { pattern } = await renderDiagram('top-3-designs');
    const linked = pattern.spec.diagram.nodes.filter(n => n.pattern);
    expect(linked.length).toBeGreaterThan(0);

    const user = userEvent.setup();
    await user.tab(); // Download SVG
    await user.tab(); // Download PNG
    for (const node of linked) {
      await user.tab();
      const link = screen.getByRole('link', {
        name: `${node.label}: open the related pattern ${node.pattern}`,
      });
      expect(link).toHaveFocus();
      expect(link).toHaveAttribute('href', `/patterns/${node.pattern}`);
    }
  });

  it('downloads the diagram as SVG, titled and named after the pattern, with its icons inlined', async () => {
    const capture = captureDownloads();
    const fetchIcon = jest.fn(async (_url: string) => ({
      ok: true,
      status: 200,
      headers: new Headers({ 'content-type': 'image/svg+xml' }),
      arrayBuffer: async () =>
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
          .buffer,
    }));
    const originalFetch = global.fetch;
    global.fetch = fetchIcon as unknown as typeof fetch;
    try {
      const { pattern } = await renderDiagram('three-tier');
      await userEvent.click(
        screen.getByRole('button', { name: 'Download SVG' }),
      );
      await waitFor(() => expect(capture.downloads).toHaveLength(1));
      const [file] = capture.downloads;
      expect(file.fileName).toBe(`${pattern.metadata.title}.svg`);
      const markup = await readBlob(file.blob);
      expect(markup).toContain(`<title>${pattern.metadata.title}</title>`);
      expect(markup).toContain('Internet-facing ALB');
      expect(markup).toContain('href="data:image/svg+xml;base64,');
      expect(markup).not.toMatch(/href="[A-Za-z]+\.svg"/);
      // One request per distinct icon, however many nodes show it.
      const urls = fetchIcon.mock.calls.map(call => call[0]);
      expect(new Set(urls).size).toBe(urls.length);
    } finally {
      global.fetch = originalFetch;
      capture.restore();
    }
  });
});
