import { Fragment } from 'react';
import { Link } from '@backstage/core-components';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';

/** Links to side-by-side comparisons, separated by dots. */
export function ComparisonLinks(props: {
  comparisons: Array<{ guide: string; id: string; title: string }>;
}) {
  const base = usePatternCatalogPath();
  return (
    <>
      {props.comparisons.map((c, i) => (
        <Fragment key={`${c.guide}/${c.id}`}>
          {i > 0 && ' · '}
          <Link to={`${base}/compare/${c.guide}/${c.id}`} underline="always">
            {c.title}
          </Link>
        </Fragment>
      ))}
    </>
  );
}
