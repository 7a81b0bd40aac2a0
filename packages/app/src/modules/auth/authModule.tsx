import {
  ApiBlueprint,
  configApiRef,
  createFrontendModule,
  discoveryApiRef,
  oauthRequestApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { OAuth2 } from '@backstage/core-app-api';
import { oidcAuthApiRef } from './oidcAuthApiRef';

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: {
            id: 'oidc',
            title:
              configApi.getOptionalString('app.signIn.title') ??
              'Single sign-on',
            icon: () => null,
          },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

/**
 * The sign-in page: OpenID Connect when `app.signIn.provider` is `oidc`
 * (the production config), guest otherwise (local development).
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return function PortalSignInPage(props) {
        const configApi = useApi(configApiRef);
        if (configApi.getOptionalString('app.signIn.provider') === 'oidc') {
          const title =
            configApi.getOptionalString('app.signIn.title') ?? 'Single sign-on';
          return (
            <SignInPage
              {...props}
              title="Architecture Portal"
              align="center"
              provider={{
                id: 'oidc-auth-provider',
                title,
                message: `Sign in with ${title}`,
                apiRef: oidcAuthApiRef,
              }}
            />
          );
        }
        return <SignInPage {...props} providers={['guest']} />;
      };
    },
  },
});

/** Sign-in for the app: the sign-in page and the OpenID Connect API. */
export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
