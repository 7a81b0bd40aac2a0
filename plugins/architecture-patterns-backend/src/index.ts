/**
 * Backend of the architecture patterns plugin: the adoption overview's
 * counts, and the recommend-architecture action in the actions registry.
 *
 * @packageDocumentation
 */
export { architecturePatternsPlugin as default } from './plugin';
