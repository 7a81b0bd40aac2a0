import path from 'path';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';

/**
 * The folder of an entity's repository when the catalog registered it from
 * the local publishing folder (a `file:` location of its catalog-info.yaml
 * inside `publishingDir`), else undefined.
 */
export function localRepositoryOf(
  entity: Entity,
  publishingDir: string,
): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location) return undefined;
  try {
    const { type, target } = parseLocationRef(location);
    if (type !== 'file') return undefined;
    const repository = path.dirname(target);
    const relative = path.relative(path.resolve(publishingDir), repository);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? repository
      : undefined;
  } catch {
    return undefined;
  }
}
