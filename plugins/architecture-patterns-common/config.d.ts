export interface Config {
  /** Configuration of the architecture patterns plugins. */
  architecturePatterns?: {
    /**
     * Where the app mounts the pattern catalog page (default /patterns): the
     * links that generated decision records and task outputs give to a
     * pattern. Set it when the app mounts the page elsewhere.
     */
    patternsPath?: string;
    /**
     * The portal's production permission policy (installed by the backend
     * when this is set; without it the backend allows everything).
     */
    permissionPolicy?: {
      /**
       * Group entity refs whose members may do everything, e.g.
       * group:default/platform-team.
       */
      platformTeams: string[];
    };
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
      /**
       * How long a template task waits for the catalog to register the
       * entity of a repository it published, in seconds. A task whose
       * entity is not registered by then fails and removes the repository.
       * Defaults to 60.
       */
      registrationTimeoutSeconds?: number;
    };
    /**
     * Where the scaffolder finds the source of the CDK pattern constructs,
     * which it copies into every generated repository. Relative paths are
     * resolved from the backend's working directory.
     */
    constructLibrary?: {
      directory: string;
    };
    /**
     * Where template upgrades find the released template versions: a folder
     * of templates, each with `releases/<version>.tgz` (made by
     * `yarn release:template`). Its `service-skeleton/` is also where
     * `architecture:service-skeleton:fetch` looks last, for a template that
     * has none in or beside its own folder (a dry run in the template
     * editor). Relative paths are resolved from the backend's working
     * directory. Defaults to the templates the scaffolder module package
     * ships.
     */
    templateReleases?: {
      directory: string;
    };
    /** Template upgrades (the upgrade-service template). */
    upgrades?: {
      /**
       * Where the safety gate keeps installed dependencies of generated
       * repositories, one install per distinct lock file. Defaults to a
       * folder in the system's temporary folder.
       */
      installCacheDirectory?: string;
      /** Time limit of the safety gate per version step, in seconds. Defaults to 600. */
      timeoutSeconds?: number;
    };
    /** Pattern conformance: whether adopters still implement the patterns they declare. */
    conformance?: {
      /**
       * Evaluation of the repositories in the local publishing folder: on each run the
       * backend checks every new commit out into a scratch folder, installs its
       * dependencies (cached by lock file), synthesizes the CDK app and evaluates the
       * pattern's cfn-guard rules. This runs the repository's code (in a child process
       * with a clean environment and a time limit), so it is on by default only when
       * localPublishing is configured. Repositories elsewhere report from their CI.
       */
      localEvaluation?: {
        /** Defaults to true when localPublishing.directory is set. */
        enabled?: boolean;
        /** How often to look for new commits, in seconds. Defaults to 60. */
        intervalSeconds?: number;
        /** Time limit of one evaluation (checkout, install, synth, rules), in seconds. Defaults to 180. */
        timeoutSeconds?: number;
        /** Evaluations run at the same time. Defaults to 1. */
        concurrency?: number;
        /** Scratch and install-cache folder. Defaults to a folder in the system's temporary directory. */
        workingDirectory?: string;
      };
    };
    /** The adoption overview's counts, served by the backend plugin. */
    adoption?: {
      /**
       * How old, in seconds, the counts may be before they are computed
       * again from catalog facets. A request that finds older counts gets
       * them at once and a fresh computation starts behind it; counts more
       * than five times as old are computed before answering. The
       * unfiltered overview is kept fresh on this schedule. Defaults to 60.
       */
      summaryMaxAgeSeconds?: number;
      /**
       * Whether every user gets the same counts, computed with the plugin's
       * own credentials and cached. Defaults to true when the permission
       * framework is off, and to false when it is on, because a permission
       * policy may hide entities from some users; then every request is
       * counted with the user's credentials. Set it to true when the policy
       * lets everyone read the whole catalog.
       */
      shareBetweenUsers?: boolean;
    };
  };
}
