import fs from 'fs-extra';
import { parseAllDocuments } from 'yaml';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** The entities of a catalog-info.yaml, with their refs. */
export async function readEntities(
  file: string,
): Promise<Array<{ entity: Entity; ref: string }>> {
  return parseAllDocuments(await fs.readFile(file, 'utf8'))
    .map(document => document.toJS() as Entity)
    .filter(entity => entity && typeof entity === 'object')
    .map(entity => ({ entity, ref: stringifyEntityRef(entity) }));
}
