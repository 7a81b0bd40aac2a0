import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import type { ArchitecturePatternEntity } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { PatternDiagram } from '../PatternDiagram/PatternDiagram';
import { AdoptedByTable } from './AdoptedByTable';
import { PatternSections } from './PatternSections';
import { PatternTemplates } from './PatternTemplates';
import { PatternGuides } from '../Guides/PatternGuides';

/** A whole pattern: diagram, explanation, trade-offs and adopters. */
export function PatternDetails(props: { pattern: ArchitecturePatternEntity }) {
  const { pattern } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Architecture diagram">
          <PatternDiagram
            diagram={pattern.spec.diagram}
            title={pattern.metadata.title}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <PatternTemplates patternRef={stringifyEntityRef(pattern)} />
      </Grid>
      <Grid item xs={12}>
        <PatternGuides patternName={pattern.metadata.name} />
      </Grid>
      <PatternSections pattern={pattern} />
      <Grid item xs={12}>
        <AdoptedByTable patternRef={stringifyEntityRef(pattern)} />
      </Grid>
    </Grid>
  );
}
