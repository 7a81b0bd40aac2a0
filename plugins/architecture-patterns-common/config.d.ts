export interface Config {
  /** Configuration of the architecture patterns plugins. */
  architecturePatterns?: {
    /**
     * Publishing generated service repositories to a folder on the backend's
     * machine, as real git repositories, for portals without a git host.
     */
    localPublishing?: {
      /**
       * Folder holding one git repository per generated service. Relative
       * paths are resolved from the backend's working directory.
       */
      directory: string;
      /**
       * How often the catalog looks for new repositories in the folder, in
       * seconds. Publishing also triggers a scan at once. Defaults to 30.
       */
      scanIntervalSeconds?: number;
    };
    /**
     * Where the scaffolder finds the source of the CDK pattern constructs,
     * which it copies into every generated repository. Relative paths are
     * resolved from the backend's working directory.
     */
    constructLibrary?: {
      directory: string;
    };
  };
}
