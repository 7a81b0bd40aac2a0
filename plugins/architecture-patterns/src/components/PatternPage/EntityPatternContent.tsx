import { useEntity } from '@backstage/plugin-catalog-react';
import { WarningPanel } from '@backstage/core-components';
import {
  ArchitecturePatternEntity,
  isArchitecturePatternEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { PatternDetails } from './PatternDetails';

/** The pattern tab of an ArchitecturePattern entity's catalog page. */
export function EntityPatternContent() {
  const { entity } = useEntity();
  if (!isArchitecturePatternEntity(entity)) {
    return <WarningPanel title="This entity is not an architecture pattern" />;
  }
  return <PatternDetails pattern={entity as ArchitecturePatternEntity} />;
}
