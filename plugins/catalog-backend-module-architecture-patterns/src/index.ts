/**
 * Catalog backend module for architecture patterns: validates the
 * ArchitecturePattern kind and records which entities implement which
 * pattern as relations.
 *
 * @packageDocumentation
 */

export { catalogModuleArchitecturePatterns as default } from './module';
export { ArchitecturePatternsProcessor } from './processor/ArchitecturePatternsProcessor';
export type { PatternDirectory } from './processor/PatternDirectory';
