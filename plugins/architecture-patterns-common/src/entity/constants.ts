/** The apiVersion of architecture pattern entities. */
export const ARCHITECTURE_PATTERN_API_VERSION =
  'architecture.platform.dev/v1alpha1' as const;

/** The catalog kind of architecture pattern entities. */
export const ARCHITECTURE_PATTERN_KIND = 'ArchitecturePattern' as const;

/**
 * Annotation on a Component (or System, Resource) listing the patterns it
 * implements: comma-separated pattern names or entity references.
 */
export const ANNOTATION_IMPLEMENTS_PATTERNS =
  'architecture.platform.dev/implements-patterns';

/** Annotation carrying the version of the template that generated a component. */
export const ANNOTATION_TEMPLATE_VERSION =
  'architecture.platform.dev/template-version';

/** Relation from an implementing entity to the pattern. */
export const RELATION_IMPLEMENTS_PATTERN = 'implementsPattern';

/** Relation from a pattern back to the entity implementing it. */
export const RELATION_PATTERN_IMPLEMENTED_BY = 'implementedBy';

/** Pattern levels, from first read to deep dive. */
export const PATTERN_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;

/** Pattern categories. */
export const PATTERN_CATEGORIES = [
  'application',
  'event-driven',
  'data',
  'resilience',
  'hybrid',
  'migration',
  'fundamentals',
  'system-design',
] as const;

/** Event topic: a repository was published to the local publishing folder. */
export const LOCAL_REPOSITORY_PUBLISHED_TOPIC =
  'architecture-patterns.local-repository-published';
