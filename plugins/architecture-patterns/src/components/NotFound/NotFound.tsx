import { Content, Header, Link, Page } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { usePatternCatalogPath } from '../PatternLink/PatternLinkContext';

/**
 * What a page of the plugin shows for a name or path it does not know:
 * what was not found, and the ways back.
 */
export function NotFoundContent(props: { title: string; children?: string }) {
  const catalogPath = usePatternCatalogPath();
  const base = catalogPath.replace(/\/$/, '');
  return (
    <section role="status" aria-labelledby="patterns-not-found-title">
      <Typography variant="h5" component="h2" id="patterns-not-found-title">
        {props.title}
      </Typography>
      {props.children && (
        <Typography variant="body1" paragraph>
          {props.children}
        </Typography>
      )}
      <Typography variant="body1" component="ul">
        <li>
          <Link to={catalogPath}>Browse the pattern catalog</Link>
        </li>
        <li>
          <Link to={`${base}/guides`}>Open the decision guides</Link>
        </li>
        <li>
          <Link to={`${base}/adoption`}>See pattern adoption</Link>
        </li>
      </Typography>
    </section>
  );
}

/** The page for a path under the plugin that matches none of its pages. */
export function NotFoundPage() {
  return (
    <Page themeId="tool">
      <Header title="Page not found" type="Architecture patterns" />
      <Content>
        <NotFoundContent title="There is no page at this address">
          The link may be mistyped or out of date.
        </NotFoundContent>
      </Content>
    </Page>
  );
}
