import { parseEntityRef } from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TemplateInfo } from '@backstage/plugin-scaffolder-common';

/** The ref the scaffolder gives a template that runs as a dry run. */
const DRY_RUN_TEMPLATE_REF = 'template:default/dry-run';

/**
 * The parameter schema of the template a task runs, read from the catalog
 * with the caller's credentials (the task itself carries only the template's
 * metadata). A dry run (the template editor) names no catalog template, so
 * it is looked up by its metadata name, and may not be found.
 */
export async function loadTemplateParameters(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  templateInfo?: TemplateInfo;
}): Promise<{ parameters: unknown } | { missing: string }> {
  const { catalog, credentials, templateInfo } = options;
  if (!templateInfo) return { missing: 'the task names no template' };
  let ref = parseEntityRef(templateInfo.entityRef);
  const metadata = templateInfo.entity?.metadata;
  if (templateInfo.entityRef === DRY_RUN_TEMPLATE_REF && metadata) {
    ref = {
      kind: 'Template',
      namespace: metadata.namespace ?? 'default',
      name: metadata.name,
    };
  }
  const template = await catalog.getEntityByRef(ref, { credentials });
  if (!template) {
    return {
      missing: `template:${ref.namespace}/${ref.name} is not in the catalog`,
    };
  }
  return { parameters: template.spec?.parameters };
}
