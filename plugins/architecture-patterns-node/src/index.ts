/**
 * Node.js helpers shared by the architecture patterns backend plugin and
 * modules: running repository code in a sandboxed child process, and a warm
 * install cache of generated repositories' dependencies.
 *
 * @packageDocumentation
 */
export { cleanEnvironment, runSandboxed } from './sandbox';
export type { SandboxRun } from './sandbox';
export {
  firstLine,
  installKey,
  linkInstalledDependencies,
} from './installCache';
export { synthesizeCdkApp } from './synthesizeCdkApp';
export type { CdkSynthesis } from './synthesizeCdkApp';
export { localRepositoryOf } from './localRepository';
