/**
 * Scaffolder actions for the architecture pattern templates: input
 * validation, CDK construct copying, decision records and local publishing.
 *
 * @packageDocumentation
 */
export { scaffolderModuleArchitecturePatterns as default } from './module';
export { createValidateInputsAction } from './actions/validate/validateInputs';
export { createCopyConstructsAction } from './actions/constructs/copyConstructs';
export { createWriteDecisionRecordAction } from './actions/decisionRecord/writeDecisionRecord';
export { createPublishLocalAction } from './actions/publishLocal/publishLocal';
