import { ReactNode } from 'react';
import { InfoCard, Link, MarkdownContent } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  ArchitecturePatternEntity,
  PatternTable,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { usePatternPath } from '../PatternLink/PatternLinkContext';
import { ConformanceRulesCard } from './ConformanceRulesCard';

function BulletCard(props: { title: string; items: string[] }) {
  return (
    <InfoCard title={props.title}>
      <List dense disablePadding>
        {props.items.map(item => (
          <ListItem key={item} disableGutters>
            <ListItemText primary={item} />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}

function DataTable(props: { table: PatternTable }) {
  const { table } = props;
  return (
    <InfoCard title={table.title} noPadding>
      <Table size="small" aria-label={table.title}>
        <TableHead>
          <TableRow>
            {table.columns.map(column => (
              <TableCell key={column}>
                <strong>{column}</strong>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {table.rows.map((row, i) => (
            <TableRow key={i}>
              {row.map((cell, j) => (
                <TableCell key={j}>{cell}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

function Section(props: { children: ReactNode; md?: 6 | 12 }) {
  return (
    <Grid item xs={12} md={props.md ?? 12}>
      {props.children}
    </Grid>
  );
}

/** Every section of a pattern below its diagram. */
export function PatternSections(props: { pattern: ArchitecturePatternEntity }) {
  const { spec } = props.pattern;
  const patternPath = usePatternPath();
  const comparison = spec.comparison;

  return (
    <>
      <Section>
        <InfoCard title="Why and how">
          <MarkdownContent content={spec.body} />
        </InfoCard>
      </Section>
      <Section md={6}>
        <BulletCard title="Benefits" items={spec.benefits} />
      </Section>
      <Section md={6}>
        <InfoCard title="Trade-offs">
          <List dense disablePadding>
            {spec.tradeOffs.map(t => (
              <ListItem key={t.gives} disableGutters>
                <ListItemText
                  primary={`Gives ${t.gives}, at the cost of ${t.costs}.`}
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Section>
      <Section md={6}>
        <BulletCard title="When to use" items={spec.whenToUse} />
      </Section>
      <Section md={6}>
        <BulletCard title="When not to use" items={spec.whenNotToUse} />
      </Section>
      {comparison && (
        <Section>
          <DataTable
            table={{
              title: `Comparison: ${comparison.subjects.join(' vs ')}`,
              columns: ['Aspect', ...comparison.subjects],
              rows: comparison.aspects.map(a => [a.aspect, ...a.values]),
            }}
          />
        </Section>
      )}
      {spec.tables?.map(table => (
        <Section key={table.title}>
          <DataTable table={table} />
        </Section>
      ))}
      <Section>
        <DataTable
          table={{
            title: 'AWS services and their roles',
            columns: ['Service', 'Role in this pattern'],
            rows: spec.awsServices.map(s => [s.name, s.role]),
          }}
        />
      </Section>
      <Section>
        <InfoCard title="Key decisions">
          {spec.keyDecisions.map(d => (
            <div key={d.decision} style={{ marginBottom: 16 }}>
              <Typography variant="subtitle1">
                <strong>{d.decision}</strong>
              </Typography>
              {d.options && (
                <Typography variant="body2" color="textSecondary">
                  Options: {d.options.join(' · ')}
                </Typography>
              )}
              <Typography variant="body2">{d.guidance}</Typography>
            </div>
          ))}
        </InfoCard>
      </Section>
      {spec.conformance && spec.conformance.rules.length > 0 && (
        <Section>
          <ConformanceRulesCard conformance={spec.conformance} />
        </Section>
      )}
      {spec.relatedPatterns.length > 0 && (
        <Section>
          <InfoCard title="Related patterns">
            <List dense disablePadding>
              {spec.relatedPatterns.map(name => (
                <ListItem key={name} disableGutters>
                  <Link to={patternPath(name)}>{name}</Link>
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Section>
      )}
    </>
  );
}
