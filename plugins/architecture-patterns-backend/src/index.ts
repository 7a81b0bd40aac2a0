/**
 * Backend of the architecture patterns plugin: the recommend-architecture
 * action in the actions registry.
 *
 * @packageDocumentation
 */
export { architecturePatternsPlugin as default } from './plugin';
