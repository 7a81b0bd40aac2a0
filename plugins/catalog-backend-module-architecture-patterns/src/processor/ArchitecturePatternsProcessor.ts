import { InputError } from '@backstage/errors';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  conformanceProblems,
  decisionGuideEntityValidator,
  findGuideReferenceErrors,
  isDecisionGuideEntity,
  architecturePatternEntityValidator,
  findDiagramReferenceErrors,
  getImplementedPatternRefs,
  isArchitecturePatternEntity,
  RELATION_IMPLEMENTS_PATTERN,
  RELATION_PATTERN_IMPLEMENTED_BY,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { PatternDirectory } from './PatternDirectory';
import { WaitingEntities } from './WaitingEntities';

/**
 * Validates ArchitecturePattern and DecisionGuide entities, and turns the implements-patterns
 * annotation of other entities into implementsPattern / implementedBy
 * relations. A reference to a pattern that is not in the catalog becomes a
 * processing error on the declaring entity, which waits for the pattern.
 */
export class ArchitecturePatternsProcessor implements CatalogProcessor {
  /**
   * @param patterns - which patterns the catalog has
   * @param waiting - where entities that name a missing pattern wait for it
   */
  constructor(
    private readonly patterns: PatternDirectory,
    private readonly waiting?: WaitingEntities,
  ) {}

  getProcessorName(): string {
    return 'ArchitecturePatternsProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (isDecisionGuideEntity(entity)) {
      const guide = decisionGuideEntityValidator(entity);
      if (!guide) return false;
      const guideErrors = findGuideReferenceErrors(guide);
      if (guideErrors.length > 0) {
        throw new InputError(guideErrors.join('; '));
      }
      return true;
    }
    if (!isArchitecturePatternEntity(entity)) {
      return false;
    }
    const pattern = architecturePatternEntityValidator(entity);
    if (!pattern) {
      return false;
    }
    const referenceErrors = [
      ...findDiagramReferenceErrors(pattern.spec.diagram),
      ...(pattern.spec.conformance
        ? conformanceProblems(pattern.spec.conformance).map(
            problem => `spec.conformance: ${problem}`,
          )
        : []),
    ];
    if (referenceErrors.length > 0) {
      throw new InputError(referenceErrors.join('; '));
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const selfRef = getCompoundEntityRef(entity);

    if (isArchitecturePatternEntity(entity) || isDecisionGuideEntity(entity)) {
      if (isArchitecturePatternEntity(entity)) {
        // Known from now on in this process, before the catalog serves it.
        this.patterns.learn?.(stringifyEntityRef(entity));
      }
      const owner = parseEntityRef(String(entity.spec?.owner), {
        defaultKind: 'Group',
        defaultNamespace: selfRef.namespace,
      });
      emit(
        processingResult.relation({
          source: selfRef,
          type: RELATION_OWNED_BY,
          target: owner,
        }),
      );
      emit(
        processingResult.relation({
          source: owner,
          type: RELATION_OWNER_OF,
          target: selfRef,
        }),
      );
      return entity;
    }

    let patternRefs;
    try {
      patternRefs = getImplementedPatternRefs(entity);
    } catch (error) {
      emit(processingResult.inputError(location, (error as Error).message));
      return entity;
    }

    for (const patternRef of patternRefs) {
      if (!(await this.patterns.has(stringifyEntityRef(patternRef)))) {
        this.waiting?.wait(
          stringifyEntityRef(patternRef),
          stringifyEntityRef(selfRef),
        );
        emit(
          processingResult.inputError(
            location,
            `${stringifyEntityRef(
              selfRef,
            )} declares that it implements the unknown architecture pattern "${stringifyEntityRef(
              patternRef,
            )}"`,
          ),
        );
        continue;
      }
      emit(
        processingResult.relation({
          source: selfRef,
          type: RELATION_IMPLEMENTS_PATTERN,
          target: patternRef,
        }),
      );
      emit(
        processingResult.relation({
          source: patternRef,
          type: RELATION_PATTERN_IMPLEMENTED_BY,
          target: selfRef,
        }),
      );
    }
    return entity;
  }
}
