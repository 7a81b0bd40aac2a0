import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { MultiTenantSaasProps } from './multi-tenant-saas';

/**
 * The user pool (`UserPool` in `scope`) and its app client (`AppClient`): administrator-created
 * users with an immutable `custom:tenant_id`, strong passwords, required TOTP MFA, threat
 * protection on the 'plus' plan; the client signs in with SRP and can never write the tenant id.
 */
export function createIdentity(
  scope: Construct,
  props: MultiTenantSaasProps,
  options: { deletionProtection: boolean; removalPolicy: RemovalPolicy },
): { userPool: cognito.UserPool; userPoolClient: cognito.UserPoolClient } {
  const { deletionProtection, removalPolicy } = options;
  const userPool = new cognito.UserPool(scope, 'UserPool', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    autoVerify: { email: true },
    customAttributes: {
      tenant_id: new cognito.StringAttribute({
        minLen: 2,
        maxLen: 32,
        mutable: false,
      }),
    },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan:
      (props.cognitoFeaturePlan ?? 'plus') === 'plus'
        ? cognito.FeaturePlan.PLUS
        : cognito.FeaturePlan.ESSENTIALS,
    standardThreatProtectionMode:
      (props.cognitoFeaturePlan ?? 'plus') === 'plus'
        ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
        : undefined,
    deletionProtection,
    removalPolicy,
  });
  const userPoolClient = userPool.addClient('AppClient', {
    // Sign-in is SRP against the user pool API: no hosted UI, so OAuth is off (CDK's OAuth
    // defaults would enable the implicit grant, an example.com callback and admin scopes).
    disableOAuth: true,
    authFlows: { userSrp: true },
    generateSecret: false,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: Duration.hours(1),
    accessTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes('tenant_id'),
    // Users/clients can never write their own tenant id (it is set by an administrator, immutably).
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({
      email: true,
    }),
  });
  return { userPool, userPoolClient };
}
