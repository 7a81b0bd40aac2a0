export interface Config {
  app?: {
    /** How people sign in to the portal. */
    signIn?: {
      /**
       * `oidc` offers the OpenID Connect provider (auth.providers.oidc);
       * anything else, or nothing, offers guest sign-in (development only).
       * @visibility frontend
       */
      provider?: 'guest' | 'oidc';
      /**
       * The name users know the OpenID provider by, on the sign-in button.
       * @visibility frontend
       */
      title?: string;
    };
  };
}
