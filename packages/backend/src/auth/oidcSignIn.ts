import { createBackendModule } from '@backstage/backend-plugin-api';
import { NotAllowedError, isError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  createSignInResolverFactory,
  OAuthAuthenticatorResult,
  SignInInfo,
  AuthResolverContext,
} from '@backstage/plugin-auth-node';
import {
  oidcAuthenticator,
  OidcAuthResult,
} from '@backstage/plugin-auth-backend-module-oidc-provider';

/**
 * Maps the verified email of the OpenID token to the one `User` entity whose
 * `spec.profile.email` is that address. No entity, no sign-in: the user gets
 * a message that says what is missing and who can fix it.
 */
export const emailMatchingCatalogUser = createSignInResolverFactory({
  create() {
    return async (
      info: SignInInfo<OAuthAuthenticatorResult<OidcAuthResult>>,
      ctx: AuthResolverContext,
    ) => {
      const email = info.profile.email;
      if (!email) {
        throw new NotAllowedError(
          'Sign-in failed: the OpenID provider sent no verified email address for this account.',
        );
      }
      try {
        return await ctx.signInWithCatalogUser({
          filter: { kind: 'User', 'spec.profile.email': email },
        });
      } catch (error) {
        if (isError(error) && error.name === 'NotFoundError') {
          throw new NotAllowedError(
            `Sign-in failed: no User entity in the catalog has the email ${email}. Ask the platform team to add you to the organisation data.`,
          );
        }
        throw error;
      }
    };
  },
});

/**
 * OpenID Connect sign-in: Backstage's OIDC authenticator with the portal's
 * sign-in resolver. Configured under `auth.providers.oidc`; without that
 * config the provider is not offered.
 */
export const authModuleOidcSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'oidc-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolverFactories: { emailMatchingCatalogUser },
          }),
        });
      },
    });
  },
});
