import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { PatternConformance } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The rules an adopter of a pattern is checked against, and their code. */
export function ConformanceRulesCard(props: {
  conformance: PatternConformance;
}) {
  const { rules, guard } = props.conformance;
  return (
    <InfoCard title="How conformance is checked">
      <Typography variant="body2" paragraph>
        Each adopter's synthesized CloudFormation is checked with cfn-guard
        against the rules below, by the service's CI or by the portal. An
        adopter conforms when no rule fails; a failing rule of high severity
        breaks what the pattern is for.
      </Typography>
      <Table size="small" aria-label="Conformance rules">
        <TableHead>
          <TableRow>
            <TableCell>
              <strong>Rule</strong>
            </TableCell>
            <TableCell>
              <strong>What it checks</strong>
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <strong>Severity</strong>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map(rule => (
            <TableRow key={rule.id}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <code>{rule.id}</code>
              </TableCell>
              <TableCell>{rule.description}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {rule.severity}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {typeof guard === 'string' && (
        <details style={{ marginTop: 16 }}>
          <summary>
            <Typography variant="body2" component="span">
              The cfn-guard rules
            </Typography>
          </summary>
          <pre
            // Wrapped, not scrolled: a scrolling region would need keyboard focus.
            style={{
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontSize: '0.8rem',
              margin: '8px 0 0',
            }}
            data-testid="guard-source"
          >
            <code>{guard}</code>
          </pre>
        </details>
      )}
    </InfoCard>
  );
}
