import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { usePatternPath } from '../PatternLink/PatternLinkContext';
import type { DiagramLayout } from './layoutDiagram';

const useStyles = makeStyles(theme => ({
  link: {
    position: 'absolute',
    borderRadius: 6,
    '&:hover': { background: 'rgba(127, 127, 127, 0.08)' },
    '&:focus-visible, &:focus': {
      outline: `3px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * Keyboard- and pointer-reachable links over the nodes that stand for a
 * related pattern. They are HTML links laid over the drawing (in percent of
 * its size, so they follow it when it scales), in the drawing's order.
 */
export function DiagramNodeLinks(props: { layout: DiagramLayout }) {
  const { layout } = props;
  const classes = useStyles();
  const patternPath = usePatternPath();
  const percent = (value: number, of: number) => `${(value / of) * 100}%`;
  return (
    <>
      {layout.nodes
        .filter(node => node.pattern)
        .map(node => (
          <Link
            key={node.id}
            to={patternPath(node.pattern!)}
            className={classes.link}
            aria-label={`${node.label}: open the related pattern ${node.pattern}`}
            data-testid={`diagram-link-${node.id}`}
            style={{
              left: percent(node.x, layout.width),
              top: percent(node.y, layout.height),
              width: percent(node.width, layout.width),
              height: percent(node.height, layout.height),
            }}
          />
        ))}
    </>
  );
}
