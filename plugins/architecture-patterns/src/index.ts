export { architecturePatternsPlugin as default } from './plugin';
