/**
 * What a Lambda function may touch, declared next to its handler (ROUTES, WORKFLOW_TASKS). The CDK app
 * turns it into environment variables and least-privilege grants; test/infra checks each flag against
 * the adapters the handler actually bundles, so a declaration cannot drift from the code.
 */
export interface FunctionAccess {
  /** The complaints table: `read` or `readWrite` its items (both include Query on its indexes). */
  table: 'none' | 'read' | 'readWrite';
  /** Loads the complaint policy: it is shipped in the bundle and named by POLICY_FILE. */
  readsPolicy?: boolean;
  /** Sends email from the sender identity (SENDER_EMAIL). */
  sendsEmail?: boolean;
  /**
   * Signs or verifies customer tokens, tracking and survey (TOKEN_SIGNING_SECRET_ARN); `links` also puts
   * links to the public web pages (tracking, survey) in emails (PUBLIC_WEB_URL).
   */
  customerTokens?: 'sign' | 'links';
  /**
   * Puts links to the staff console in staff mail without customer tokens (PUBLIC_WEB_URL): the
   * surge alert's incident link.
   */
  linksToConsole?: boolean;
  /** Answers callback-task tokens of the workflow (states:SendTaskSuccess). */
  answersTaskTokens?: boolean;
  /**
   * Ends the lifecycle at its wait (states:SendTaskFailure with Lifecycle.Ended): RegisterWait only,
   * when the plan is the end.
   */
  endsLifecycles?: boolean;
  /** Starts lifecycle executions of the state machine (STATE_MACHINE_ARN, states:StartExecution). */
  startsLifecycles?: boolean;
  /**
   * Reads the staff directory: the users of the staff user pool (USER_POOL_ID,
   * cognito-idp:ListUsersInGroup on that pool only).
   */
  readsStaffDirectory?: boolean;
  /** Reads the status of lifecycle executions (STATE_MACHINE_ARN, states:DescribeExecution on them). */
  checksLifecycles?: boolean;
  /** Reads the raw mail SES receiving stored (INBOUND_MAIL_BUCKET, s3:GetObject under its prefix). */
  inboundMail?: 'read';
  /**
   * Puts mailed attachments into the evidence bucket (EVIDENCE_BUCKET, s3:PutObject under complaints/
   * only), where the evidence recorder picks them up.
   */
  emailEvidence?: 'write';
  /**
   * The evidence bucket (EVIDENCE_BUCKET): `upload` hands out upload forms (presigned POST, signed with
   * s3:PutObject under complaints/); `read` reads objects and hands out download links (s3:GetObject,
   * and with the malware scan on s3:GetObjectTagging for its verdict).
   */
  evidence?: 'upload' | 'read';
  /**
   * Deletes a complaint's evidence objects (retention, erasure): s3:DeleteObject under complaints/.
   */
  evidenceDeletion?: boolean;
  /**
   * Personal-data exports in the evidence bucket (EVIDENCE_BUCKET, under data-requests/ only): `write`
   * stores them (s3:PutObject); `read` hands out download links to them (s3:GetObject).
   */
  dataExports?: 'write' | 'read';
}

/** The adapter module whose presence in a bundle each flag stands for (see test/infra). */
export const ACCESS_ADAPTERS = {
  readsPolicy: 'functions/adapters/policy-source.ts',
  sendsEmail: 'functions/adapters/email/mailer.ts',
  customerTokens: 'functions/adapters/signing-key.ts',
  links: 'functions/adapters/tracking-link.ts',
  answersTaskTokens: 'functions/adapters/workflow-signals.ts',
  endsLifecycles: 'functions/adapters/lifecycle-endings.ts',
  startsLifecycles: 'functions/adapters/workflow-starter.ts',
  readsStaffDirectory: 'functions/adapters/staff-directory.ts',
  checksLifecycles: 'functions/adapters/lifecycle-executions.ts',
  inboundMail: 'functions/adapters/inbound/received-mail.ts',
  emailEvidence: 'functions/adapters/inbound/email-evidence.ts',
  evidence: 'functions/adapters/evidence-storage.ts',
  evidenceDeletion: 'functions/adapters/evidence-files.ts',
  dataExports: 'functions/adapters/data-export-storage.ts',
} as const;
