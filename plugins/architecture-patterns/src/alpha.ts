/**
 * The architecture patterns plugin for the new frontend system.
 *
 * @packageDocumentation
 */
export { architecturePatternsPlugin as default } from './alpha/plugin';
