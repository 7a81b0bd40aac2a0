import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  KubernetesValidatorFunctions,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Kinds whose names share one space with a new service's component. */
export const SERVICE_NAME_KINDS = ['Component', 'Resource', 'API'];

const article = (kind: string) => (/^[AEIOU]/i.test(kind) ? 'an' : 'a');
const listKinds = (kinds: string[]) =>
  kinds.length > 1
    ? `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`
    : kinds[0];

/** Parses a ref as a picker produces it: full, or without kind or namespace. */
function parseRef(value: string): CompoundEntityRef | undefined {
  try {
    const ref = parseEntityRef(value, { defaultNamespace: DEFAULT_NAMESPACE });
    const valid =
      KubernetesValidatorFunctions.isValidObjectName(ref.name) &&
      KubernetesValidatorFunctions.isValidNamespace(ref.namespace) &&
      /^[A-Za-z][A-Za-z0-9]*$/.test(ref.kind);
    return valid ? ref : undefined;
  } catch {
    // A value without a kind: the caller tries each allowed kind.
    if (!/^[^:]*$/.test(value)) return undefined;
    const [namespace, name] = value.includes('/')
      ? value.split('/', 2)
      : [DEFAULT_NAMESPACE, value];
    return KubernetesValidatorFunctions.isValidObjectName(name) &&
      KubernetesValidatorFunctions.isValidNamespace(namespace)
      ? { kind: '', namespace, name }
      : undefined;
  }
}

/**
 * Resolves an entity reference field (such as `owner` or `system`) against
 * the catalog with the caller's credentials. Returns the full ref of the
 * entity, or a message naming the field and what it accepts.
 */
export async function resolveEntityRef(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  field: string;
  value: unknown;
  kinds: string[];
}): Promise<{ ref: string } | { problem: string }> {
  const { catalog, credentials, field, value, kinds } = options;
  const accepted = `${article(kinds[0])} ${listKinds(
    kinds,
  )} from the catalog, as kind:namespace/name (for example ${kinds[0].toLocaleLowerCase(
    'en-US',
  )}:default/platform-team) or its name alone`;
  if (value === undefined || value === null || String(value).trim() === '') {
    return { problem: `${field}: is empty; give ${accepted}` };
  }
  if (typeof value !== 'string') {
    return { problem: `${field}: must be text; give ${accepted}` };
  }
  const parsed = parseRef(value.trim());
  if (!parsed) {
    return {
      problem: `${field}: "${value}" is not an entity reference; give ${accepted}`,
    };
  }
  const kindMatch = kinds.find(
    kind =>
      kind.toLocaleLowerCase('en-US') ===
      parsed.kind.toLocaleLowerCase('en-US'),
  );
  if (parsed.kind && !kindMatch) {
    return {
      problem: `${field}: "${value}" names ${article(parsed.kind)} ${
        parsed.kind
      }; it must be ${accepted}`,
    };
  }
  for (const kind of kindMatch ? [kindMatch] : kinds) {
    const ref = { kind, namespace: parsed.namespace, name: parsed.name };
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (entity) return { ref: stringifyEntityRef(entity) };
  }
  return {
    problem: `${field}: no ${listKinds(
      kindMatch ? [kindMatch] : kinds,
    )} named "${parsed.namespace}/${
      parsed.name
    }" is in the catalog (or you may not see it); give ${accepted}`,
  };
}

/**
 * Checks that a new service's name is free in the catalog: no Component,
 * Resource or API of that name in the namespace. Returns the problems.
 */
export async function checkNameIsFree(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  field: string;
  name: string;
  namespace?: string;
}): Promise<string[]> {
  const { catalog, credentials, field, name } = options;
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const found = await Promise.all(
    SERVICE_NAME_KINDS.map(kind =>
      catalog.getEntityByRef({ kind, namespace, name }, { credentials }),
    ),
  );
  return found.flatMap(entity =>
    entity
      ? [
          `${field}: "${name}" is already the name of ${stringifyEntityRef(
            entity,
          )}${
            entity.spec?.owner ? ` (owned by ${entity.spec.owner})` : ''
          } in the catalog; choose a name no component, resource or API uses`,
        ]
      : [],
  );
}
