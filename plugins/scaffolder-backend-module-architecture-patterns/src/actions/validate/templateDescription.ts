import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { TemplateInfo } from '@backstage/plugin-scaffolder-common';
import {
  ANNOTATION_TEMPLATE_VERSION,
  getImplementedPatternRefs,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/**
 * What a running template says of itself in its metadata: its name and ref,
 * the version it releases and the pattern it implements. Each is empty when
 * the template does not say (a dry run of an unsaved template, say).
 */
export function describeTemplate(templateInfo?: TemplateInfo) {
  const metadata = templateInfo?.entity?.metadata;
  if (!metadata) return { name: '', ref: '', version: '', pattern: '' };
  const [pattern] = getImplementedPatternRefs({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata,
  });
  return {
    name: metadata.name,
    ref: stringifyEntityRef({
      kind: 'Template',
      namespace: metadata.namespace ?? DEFAULT_NAMESPACE,
      name: metadata.name,
    }),
    version: metadata.annotations?.[ANNOTATION_TEMPLATE_VERSION] ?? '',
    pattern: pattern?.name ?? '',
  };
}
