import { createContext, ReactNode, useContext } from 'react';

/** Builds the path of a template's page in the scaffolder. */
export type TemplatePath = (ref: { namespace: string; name: string }) => string;

const defaultTemplatePath: TemplatePath = ({ namespace, name }) =>
  `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;

/** Builds the path of a task's page in the scaffolder. */
export type TaskPath = (taskId: string) => string;

const defaultTaskPath: TaskPath = taskId =>
  `/create/tasks/${encodeURIComponent(taskId)}`;

type Paths = {
  basePath: string;
  templatePath: TemplatePath;
  taskPath: TaskPath;
};

const PatternPathsContext = createContext<Paths>({
  basePath: '/patterns',
  templatePath: defaultTemplatePath,
  taskPath: defaultTaskPath,
});

/**
 * The template and task paths from the scaffolder routes an app bound, in
 * either frontend system (undefined where nothing is bound: the defaults).
 */
export function scaffolderPaths(routes: {
  templateRoute?: (params: {
    namespace: string;
    templateName: string;
  }) => string;
  taskRoute?: (params: { taskId: string }) => string;
}): { templatePath?: TemplatePath; taskPath?: TaskPath } {
  const { templateRoute, taskRoute } = routes;
  return {
    templatePath: templateRoute
      ? ({ namespace, name }) =>
          templateRoute({ namespace, templateName: name })
      : undefined,
    taskPath: taskRoute ? taskId => taskRoute({ taskId }) : undefined,
  };
}

/**
 * Tells the components below where the pattern pages and the scaffolder are
 * mounted, so the same components work in both frontend systems, whichever
 * paths the app gives them.
 */
export function PatternLinkProvider(props: {
  basePath: string;
  templatePath?: TemplatePath;
  taskPath?: TaskPath;
  children: ReactNode;
}) {
  return (
    <PatternPathsContext.Provider
      value={{
        basePath: props.basePath.replace(/\/$/, ''),
        templatePath: props.templatePath ?? defaultTemplatePath,
        taskPath: props.taskPath ?? defaultTaskPath,
      }}
    >
      {props.children}
    </PatternPathsContext.Provider>
  );
}

/** The path of the pattern catalog page. */
export function usePatternCatalogPath(): string {
  return useContext(PatternPathsContext).basePath || '/';
}

/** A function giving the path of a pattern's page. */
export function usePatternPath(): (patternName: string) => string {
  const { basePath } = useContext(PatternPathsContext);
  return name => `${basePath}/${encodeURIComponent(name)}`;
}

/** A function giving the path of a template in the scaffolder. */
export function useTemplatePath(): TemplatePath {
  return useContext(PatternPathsContext).templatePath;
}

/** A function giving the path of a scaffolder task's page. */
export function useTaskPath(): TaskPath {
  return useContext(PatternPathsContext).taskPath;
}
