import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_ROLES, type StaffRole } from '../../functions/domain/staff.ts';

export interface StaffIdentityProps {
  /** Where the hosted UI may send staff back to after sign-in and sign-out (the staff console). */
  consoleUrls: string[];
  /** Prefix of the hosted UI's domain, `<prefix>.auth.<region>.amazoncognito.com`; unique per region. */
  domainPrefix: string;
  /** Applied to the user pool. */
  removalPolicy: RemovalPolicy;
  /** Refuse to delete the user pool (every stage but dev). */
  deletionProtection: boolean;
}

const GROUP_DESCRIPTIONS: Record<StaffRole, string> = {
  agent: 'Handles the complaints assigned to them',
  supervisor: 'Assigns and oversees complaints of their department, handles escalations',
  manager: 'Oversees departments: reports and KPIs, escalations beyond supervisors',
  admin: 'Administers staff and configuration',
};

/**
 * Who staff are: a Cognito user pool (accounts created by an administrator, email sign-in, optional
 * TOTP MFA required), one group per staff role, the staff console's app client, its hosted UI, and the JWT
 * authorizer through which API Gateway accepts the pool's ID tokens on staff routes.
 */
export class StaffIdentity extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** Verifies the pool's tokens issued to the console's client (their `aud` is the client id). */
  readonly authorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: StaffIdentityProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Staff accounts are made by an administrator (AdminCreateUser sends the invitation).
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect only once verified, so email stays a reliable claim.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // The department a supervisor or agent works for; handlers scope their access by it.
      customAttributes: { department: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      // Staff see customers' personal data: TOTP is required (set up at the first sign-in); no SMS.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    const pool = this.userPool.node.defaultChild ?? this.userPool;
    Validations.of(pool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection (compromised-credential and adaptive-authentication checks) needs the Plus ' +
        'feature plan, priced per monthly active user on top of Essentials. A closed pool of staff accounts ' +
        'made by an administrator, with strong passwords, password history and required TOTP, does not ' +
        'warrant it yet; switch featurePlan to PLUS to turn it on.',
    });

    // Groups become the `cognito:groups` claim, the staff roles; lower precedence wins for IAM roles.
    [...STAFF_ROLES].reverse().forEach((role, precedence) => {
      this.userPool.addGroup(`${role}Group`, {
        groupName: role,
        description: GROUP_DESCRIPTIONS[role],
        precedence,
      });
    });

    this.client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'staff-console',
      // A browser application cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.consoleUrls,
        logoutUrls: props.consoleUrls,
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // About a working day: staff sign in again each day.
      refreshTokenValidity: Duration.hours(12),
      // Staff may not change their own department (it scopes their access): only administrators may.
      writeAttributes: new ClientAttributes().withStandardAttributes({
        email: true,
        givenName: true,
        familyName: true,
        fullname: true,
      }),
    });

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });

    // The console sends the ID token: it carries email, groups and custom:department, and its `aud`
    // is the client id (access tokens carry none of the attributes and no `aud`).
    this.authorizer = new HttpJwtAuthorizer(
      'StaffAuthorizer',
      `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`,
      { jwtAudience: [this.client.userPoolClientId], identitySource: ['$request.header.Authorization'] },
    );
  }

  /** The hosted UI's base URL. */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }
}
