import { entityKindSchemaValidator } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import schema from '../schema/ArchitecturePattern.v1alpha1.schema.json';
import type { ArchitecturePatternEntity } from './ArchitecturePatternEntity';

/**
 * Validates an entity against the ArchitecturePattern schema.
 *
 * Returns the entity when it is a valid pattern, `false` when it is some
 * other kind, and throws an error naming the offending field otherwise.
 */
export const architecturePatternEntityValidator =
  entityKindSchemaValidator<ArchitecturePatternEntity>(schema);

/** The JSON schema of the ArchitecturePattern kind. */
export const architecturePatternEntitySchema: JsonObject = schema;
