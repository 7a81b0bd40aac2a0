/**
 * Kinds, annotations, relations and schemas shared by the architecture
 * patterns plugins.
 *
 * @packageDocumentation
 */

export * from './entity/constants';
export * from './entity/ArchitecturePatternEntity';
export * from './entity/validator';
export * from './entity/diagramReferences';
export * from './adoption/implementedPatterns';
export * from './templates/inputRules';
export * from './decisions/renderDecisionRecord';
export * from './decisions/patternDecisionRecord';
export * from './guides/DecisionGuideEntity';
export * from './guides/recommend';
export * from './guides/guideDecisionRecord';
export * from './adoption/adoptionSummary';
export * from './guides/constraints';
export * from './adoption/export/csv';
export * from './adoption/export/exportAdoptionCsv';
export * from './adoption/patternPageRequests';
export * from './adoption/client/AdoptionSummaryClient';
export * from './permissions';
export * from './conformance/types';
export * from './conformance/labels';
export * from './conformance/guardRules';
export * from './entity/textPlaceholders';
