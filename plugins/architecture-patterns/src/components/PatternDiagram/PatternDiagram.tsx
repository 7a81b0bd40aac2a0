import { useRef } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { PatternDiagram as PatternDiagramData } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import useAsync from 'react-use/esm/useAsync';
import { layoutDiagram } from './layoutDiagram';
import { DiagramSvg } from './DiagramSvg';
import { DiagramNodeLinks } from './DiagramNodeLinks';
import { DiagramDescription } from './DiagramDescription';
import { DiagramDownload } from './DiagramDownload';

let descriptions = 0;

/**
 * Lays out a pattern's diagram and draws it: AWS icons and group styles,
 * links on the nodes that stand for related patterns, a text description
 * for screen readers, and SVG/PNG downloads named after the pattern.
 */
export function PatternDiagram(props: {
  diagram: PatternDiagramData;
  title: string;
}) {
  const { diagram, title } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const descriptionId = useRef(
    `pattern-diagram-description-${++descriptions}`,
  ).current;
  const { value, loading, error } = useAsync(
    () => layoutDiagram(diagram),
    [diagram],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <>
      <DiagramDownload svgRef={svgRef} title={title} />
      <div style={{ overflowX: 'auto' }}>
        {/* Fit the card, but shrink text no further than 70%: wider diagrams scroll. */}
        <div
          style={{
            position: 'relative',
            margin: '0 auto',
            width: '100%',
            maxWidth: value.width,
            minWidth: Math.round(value.width * 0.7),
          }}
        >
          <DiagramSvg
            ref={svgRef}
            layout={value}
            title={title}
            describedBy={descriptionId}
          />
          <DiagramNodeLinks layout={value} />
        </div>
      </div>
      <DiagramDescription id={descriptionId} title={title} diagram={diagram} />
    </>
  );
}
