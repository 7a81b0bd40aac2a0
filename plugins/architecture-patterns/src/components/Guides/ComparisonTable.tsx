import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { GuideComparison } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** A side-by-side comparison: one column per subject, one row per aspect. */
export function ComparisonTable(props: { comparison: GuideComparison }) {
  const { comparison } = props;
  return (
    <Table size="small" aria-label={comparison.title}>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">
            Aspect
          </TableCell>
          {comparison.subjects.map(subject => (
            <TableCell key={subject} component="th" scope="col">
              <strong>{subject}</strong>
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {comparison.aspects.map(row => (
          <TableRow key={row.aspect}>
            {/* MUI gives a th in the body role="cell"; keep it the row's header */}
            <TableCell component="th" scope="row" role="rowheader">
              <strong>{row.aspect}</strong>
            </TableCell>
            {row.values.map((value, i) => (
              <TableCell key={i}>{value}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
