/**
 * The HTTP API, declared once. The CDK stack makes one Lambda function and one route per entry;
 * the local gateway serves the same table with the same handlers.
 */
import type { FunctionAccess } from './function-access.ts';
import { STAFF_ROLES, SUPERVISOR_ROLES, type StaffRole } from './domain/staff.ts';
import { REPORT_ROLES } from './domain/kpi-report.ts';
import { TEMPLATE_ADMIN_ROLES } from './domain/reply-templates.ts';
import { POLICY_ADMIN_ROLES, POLICY_READ_ROLES } from './domain/policy-versions.ts';
import { LEGAL_HOLD_ROLES } from './domain/retention.ts';
import { DATA_REQUEST_ROLES } from './domain/data-subject-request.ts';

/**
 * `public`: no authorizer (complainants have no accounts; some routes check a tracking token).
 * `{ roles }`: staff only. The gateway (API Gateway's JWT authorizer in AWS, local/gateway.ts here)
 * lets through only requests with a valid staff token, and the handler then requires one of `roles`
 * (the gateway cannot: Cognito groups are not OAuth scopes).
 */
export type RouteAuth = 'public' | { readonly roles: readonly StaffRole[] };

export interface RouteDefinition {
  /** Logical name, used for the Lambda function's construct id. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `{param}` for a path parameter. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  auth: RouteAuth;
  /** What the handler's function may touch (environment and IAM grants in AWS). */
  access: FunctionAccess;
  description: string;
}

/** Whether a route needs a staff token. */
export const isStaffRoute = (
  route: RouteDefinition,
): route is RouteDefinition & { auth: { roles: readonly StaffRole[] } } => route.auth !== 'public';

export const ROUTES: readonly RouteDefinition[] = [
  {
    name: 'SubmitComplaint',
    method: 'POST',
    path: '/v1/complaints',
    entry: 'functions/api/submit-complaint.ts',
    auth: 'public',
    // readsPolicy: the limits on one party (policy.limits); customerTokens: also the proof-of-work key.
    access: { table: 'readWrite', customerTokens: 'sign', readsPolicy: true },
    description: 'Public complaint intake',
  },
  {
    name: 'GetChallenge',
    method: 'GET',
    path: '/v1/challenge',
    entry: 'functions/api/get-challenge.ts',
    auth: 'public',
    // customerTokens: the challenges' key is derived from the token signing key; readsPolicy: the difficulty.
    access: { table: 'none', customerTokens: 'sign', readsPolicy: true },
    description: 'A proof-of-work challenge (ALTCHA v2) that submitting a complaint needs solved',
  },
  {
    name: 'RequestTrackingLink',
    method: 'POST',
    path: '/v1/complaints/lookup',
    entry: 'functions/api/request-tracking-link.ts',
    auth: 'public',
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
    description: 'Find my complaint: mails the current tracking link to the address on file (always 202)',
  },
  {
    name: 'GetComplaint',
    method: 'GET',
    path: '/v1/complaints/{id}',
    entry: 'functions/api/get-complaint.ts',
    auth: 'public',
    access: { table: 'read', customerTokens: 'sign', readsPolicy: true },
    description: "The complainant's view of a complaint (tracking token required)",
  },
  {
    name: 'PostCustomerMessage',
    method: 'POST',
    path: '/v1/complaints/{id}/messages',
    entry: 'functions/api/customer-reply.ts',
    auth: 'public',
    access: { table: 'readWrite', customerTokens: 'sign', readsPolicy: true, answersTaskTokens: true },
    description:
      'The complainant answers a request for information, or disagrees with the result and reopens it (tracking token required)',
  },
  {
    name: 'AddCustomerAttachment',
    method: 'POST',
    path: '/v1/complaints/{id}/attachments',
    entry: 'functions/api/add-attachment.ts',
    auth: 'public',
    access: { table: 'readWrite', customerTokens: 'sign', readsPolicy: true, evidence: 'upload' },
    description:
      'Declare an evidence file (name, type, size): 201 with a presigned POST form that uploads it straight to storage (tracking token required)',
  },
  {
    name: 'GetCustomerAttachment',
    method: 'GET',
    path: '/v1/complaints/{id}/attachments/{attachmentId}',
    entry: 'functions/api/get-attachment.ts',
    auth: 'public',
    access: { table: 'read', customerTokens: 'sign', readsPolicy: true, evidence: 'read' },
    description:
      "A download link, valid for minutes, to one of the complainant's own files (tracking token required)",
  },
  {
    name: 'GetSurvey',
    method: 'GET',
    path: '/v1/surveys/{token}',
    entry: 'functions/api/survey/get-survey.ts',
    auth: 'public',
    access: { table: 'read', customerTokens: 'sign' },
    description: 'The satisfaction survey behind an emailed link (signed, expiring token)',
  },
  {
    name: 'AnswerSurvey',
    method: 'POST',
    path: '/v1/surveys/{token}',
    entry: 'functions/api/survey/answer-survey.ts',
    auth: 'public',
    access: { table: 'readWrite', customerTokens: 'sign', readsPolicy: true, answersTaskTokens: true },
    description: 'Answer the satisfaction survey once; a low rating reopens the complaint',
  },
  {
    name: 'OptOutOfSurvey',
    method: 'POST',
    path: '/v1/surveys/{token}/opt-out',
    entry: 'functions/api/survey/opt-out.ts',
    auth: 'public',
    access: { table: 'readWrite', customerTokens: 'sign' },
    description: 'No more survey mail about this complaint (the result notice is still sent)',
  },
  {
    name: 'GetOpenApi',
    method: 'GET',
    path: '/v1/openapi.json',
    entry: 'functions/api/openapi.ts',
    auth: 'public',
    access: { table: 'none' },
    description: 'This API described as OpenAPI 3.1, generated from the zod schemas',
  },
  {
    name: 'ListStaffQueue',
    method: 'GET',
    path: '/v1/staff/complaints',
    entry: 'functions/api/staff/list-queue.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'read' },
    description: 'Work queue, filtered and sorted by next due time',
  },
  {
    name: 'LogStaffComplaint',
    method: 'POST',
    path: '/v1/staff/complaints',
    entry: 'functions/api/staff/log-complaint.ts',
    auth: { roles: STAFF_ROLES },
    // readsPolicy: the time within which a complaint is to be recorded (policy.intake.recordWithin).
    access: { table: 'readWrite', readsPolicy: true },
    description:
      'A complaint staff log for a customer (hotline, on-site, letter, social media, third party, email), with when it was received',
  },
  {
    name: 'GetStaffCase',
    method: 'GET',
    path: '/v1/staff/complaints/{id}',
    entry: 'functions/api/staff/get-case.ts',
    auth: { roles: STAFF_ROLES },
    // The policy names the business calendar's time zone for the console; readWrite: each read is
    // recorded (domain/access-log.ts).
    access: { table: 'readWrite', readsPolicy: true },
    description: 'A case: complaint, timeline, notes, SLA clocks, repeats',
  },
  {
    name: 'PerformStaffAction',
    method: 'POST',
    path: '/v1/staff/complaints/{id}/actions',
    entry: 'functions/api/staff/perform-action.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'readWrite', readsPolicy: true, answersTaskTokens: true, readsStaffDirectory: true },
    description:
      'A case action (assign, accept, reject, reclassify, note, contact, request info, propose, approve, decline, resolve, reopen, close)',
  },
  {
    name: 'GetCaseAccessLog',
    method: 'GET',
    path: '/v1/staff/complaints/{id}/access-log',
    entry: 'functions/api/staff/get-access-log.ts',
    auth: { roles: SUPERVISOR_ROLES },
    // readsStaffDirectory: the readers' names.
    access: { table: 'read', readsStaffDirectory: true },
    description:
      'Who read the case and downloaded its files, when (newest first, paged): managers, admins, its department’s supervisors',
  },
  {
    name: 'AddStaffAttachment',
    method: 'POST',
    path: '/v1/staff/complaints/{id}/attachments',
    entry: 'functions/api/staff/add-attachment.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'readWrite', readsPolicy: true, evidence: 'upload' },
    description:
      'Add an evidence file to a case: 201 with a presigned POST form that uploads it straight to storage',
  },
  {
    name: 'GetStaffAttachment',
    method: 'GET',
    path: '/v1/staff/complaints/{id}/attachments/{attachmentId}',
    entry: 'functions/api/staff/get-attachment.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'readWrite', readsPolicy: true, evidence: 'read' },
    description: 'A download link to one evidence file of a case, valid for minutes (available files only)',
  },
  {
    name: 'GetStaffDirectory',
    method: 'GET',
    path: '/v1/staff/directory',
    entry: 'functions/api/staff/get-directory.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'none', readsPolicy: true, readsStaffDirectory: true },
    description: 'The staff directory: whom the caller may assign cases to, with the departments',
  },
  {
    name: 'GetKpiReport',
    method: 'GET',
    path: '/v1/staff/reports/kpis',
    entry: 'functions/api/staff/get-kpis.ts',
    auth: { roles: REPORT_ROLES },
    access: { table: 'read', readsPolicy: true },
    description:
      'KPIs with their targets for a date range, by day/week/month and by channel/category/severity/department',
  },
  {
    name: 'ExportComplaints',
    method: 'GET',
    path: '/v1/staff/reports/complaints.csv',
    entry: 'functions/api/staff/export-complaints.ts',
    auth: { roles: REPORT_ROLES },
    access: { table: 'readWrite', readsPolicy: true },
    description:
      'The complaints received in a date range as CSV (UTF-8 with BOM), paged: a Link rel="next" header leads to the rest',
  },
  {
    name: 'ListCorrectiveActions',
    method: 'GET',
    path: '/v1/staff/corrective-actions',
    entry: 'functions/api/staff/list-corrective-actions.ts',
    auth: { roles: STAFF_ROLES },
    // readsPolicy: the business calendar's time zone says which actions are overdue today.
    access: { table: 'read', readsPolicy: true },
    description:
      'Corrective actions by due date (not done by default; status open, in-progress or done), overdue ones flagged',
  },
  {
    name: 'CreateIncident',
    method: 'POST',
    path: '/v1/staff/incidents',
    entry: 'functions/api/staff/incidents/create-incident.ts',
    auth: { roles: SUPERVISOR_ROLES },
    access: { table: 'readWrite' },
    description: 'Open an incident (many complaints, one cause): title, cause, products/categories, owner',
  },
  {
    name: 'ListIncidents',
    method: 'GET',
    path: '/v1/staff/incidents',
    entry: 'functions/api/staff/incidents/list-incidents.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'read' },
    description: 'The newest incidents, suggested ones (from surges) included',
  },
  {
    name: 'GetIncident',
    method: 'GET',
    path: '/v1/staff/incidents/{id}',
    entry: 'functions/api/staff/incidents/get-incident.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'read' },
    description: 'An incident with its linked complaints and their states',
  },
  {
    name: 'PerformIncidentAction',
    method: 'POST',
    path: '/v1/staff/incidents/{id}/actions',
    entry: 'functions/api/staff/incidents/incident-action.ts',
    auth: { roles: SUPERVISOR_ROLES },
    // Resolving resolves the linked complaints (staff resolve rules); the notice is queued on each
    // complaint; either wakes the complaints' workflows, which send the mail.
    access: { table: 'readWrite', readsPolicy: true, answersTaskTokens: true },
    description:
      'An incident action: link, unlink, notify-customers, resolve (cascading to its complaints), close',
  },
  {
    name: 'GetIncidentSuggestions',
    method: 'GET',
    path: '/v1/staff/complaints/{id}/incident-suggestions',
    entry: 'functions/api/staff/incidents/incident-suggestions.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'read', readsPolicy: true },
    description: 'Open incidents this complaint resembles (same product, or category and a shared keyword)',
  },
  {
    name: 'ListReplyTemplates',
    method: 'GET',
    path: '/v1/staff/templates',
    entry: 'functions/api/staff/templates/list-templates.ts',
    auth: { roles: STAFF_ROLES },
    access: { table: 'read' },
    description:
      'Reply templates for the forms that write to a customer, by category (or any), purpose and language; admins may ask for retired ones too (status=all)',
  },
  {
    name: 'CreateReplyTemplate',
    method: 'POST',
    path: '/v1/staff/templates',
    entry: 'functions/api/staff/templates/create-template.ts',
    auth: { roles: TEMPLATE_ADMIN_ROLES },
    access: { table: 'readWrite' },
    description:
      'Add a reply template (admins): category or any, language, purpose, title, body with placeholders',
  },
  {
    name: 'UpdateReplyTemplate',
    method: 'PUT',
    path: '/v1/staff/templates/{id}',
    entry: 'functions/api/staff/templates/update-template.ts',
    auth: { roles: TEMPLATE_ADMIN_ROLES },
    access: { table: 'readWrite' },
    description:
      'Replace a reply template (admins) with expectedVersion: its next version, the replaced one kept',
  },
  {
    name: 'RetireReplyTemplate',
    method: 'POST',
    path: '/v1/staff/templates/{id}/retire',
    entry: 'functions/api/staff/templates/retire-template.ts',
    auth: { roles: TEMPLATE_ADMIN_ROLES },
    access: { table: 'readWrite' },
    description: 'Retire a reply template (admins): no longer offered, kept with its versions',
  },
  {
    name: 'GetPolicy',
    method: 'GET',
    path: '/v1/staff/admin/policy',
    entry: 'functions/api/staff/admin/get-policy.ts',
    auth: { roles: POLICY_READ_ROLES },
    // readsPolicy: the seed (the policy file) is version 1 while the table holds none.
    access: { table: 'read', readsPolicy: true },
    description:
      'The active complaint policy with who changed it, when and why, and its versions newest first (managers read, admins change)',
  },
  {
    name: 'ChangePolicy',
    method: 'PUT',
    path: '/v1/staff/admin/policy',
    entry: 'functions/api/staff/admin/change-policy.ts',
    auth: { roles: POLICY_ADMIN_ROLES },
    access: { table: 'readWrite', readsPolicy: true },
    description:
      'Replace the complaint policy (admins) with a reason and expectedVersion: the next version, active for new decisions within a minute; 400 lists every problem by its path',
  },
  {
    name: 'GetPolicyVersion',
    method: 'GET',
    path: '/v1/staff/admin/policy/versions/{version}',
    entry: 'functions/api/staff/admin/get-policy-version.ts',
    auth: { roles: POLICY_READ_ROLES },
    access: { table: 'read', readsPolicy: true },
    description: 'One version of the complaint policy, whole (to compare with another)',
  },
  {
    name: 'SetLegalHold',
    method: 'PUT',
    path: '/v1/staff/complaints/{id}/legal-hold',
    entry: 'functions/api/staff/set-legal-hold.ts',
    auth: { roles: LEGAL_HOLD_ROLES },
    access: { table: 'readWrite' },
    description:
      'Set or clear a legal hold (managers, admins) with a reason: while set, the complaint is neither anonymised nor erased',
  },
  {
    name: 'AskForDataRequest',
    method: 'POST',
    path: '/v1/data-requests',
    entry: 'functions/api/data-requests/ask.ts',
    auth: 'public',
    // customerTokens: the confirmation link's token and the proof-of-work key; readsPolicy: its validity.
    access: { table: 'readWrite', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
    description:
      'A copy or the erasure of the personal data filed with an address: mails it a confirmation link (always 202)',
  },
  {
    name: 'AskForDataRequestFromTracking',
    method: 'POST',
    path: '/v1/complaints/{id}/data-requests',
    entry: 'functions/api/data-requests/ask-from-tracking.ts',
    auth: 'public',
    access: { table: 'read', sendsEmail: true, customerTokens: 'links', readsPolicy: true },
    description:
      "A copy or the erasure of the complainant's personal data, from the tracking page: mails the address on file a confirmation link (tracking token required)",
  },
  {
    name: 'ConfirmDataRequest',
    method: 'POST',
    path: '/v1/data-requests/confirm',
    entry: 'functions/api/data-requests/confirm.ts',
    auth: 'public',
    access: { table: 'readWrite', customerTokens: 'sign', readsPolicy: true },
    description:
      'Confirm a data-subject request with the token of the mailed link: records it with its deadline',
  },
  {
    name: 'OpenDataExport',
    method: 'POST',
    path: '/v1/data-requests/export',
    entry: 'functions/api/data-requests/open-export.ts',
    auth: 'public',
    // dataExports 'read' signs links to the export; evidence 'read' (IAM only) to the customer's files.
    access: { table: 'readWrite', customerTokens: 'sign', dataExports: 'read', evidence: 'read' },
    description:
      'Download links, valid for minutes, to a personal-data export and its files (token of the mailed link)',
  },
  {
    name: 'ListDataRequests',
    method: 'GET',
    path: '/v1/staff/data-requests',
    entry: 'functions/api/staff/data-requests/list-requests.ts',
    auth: { roles: DATA_REQUEST_ROLES },
    access: { table: 'read' },
    description: 'Data-subject requests (copy, erasure) with their deadlines, newest first',
  },
  {
    name: 'DecideDataRequest',
    method: 'POST',
    path: '/v1/staff/data-requests/{id}/actions',
    entry: 'functions/api/staff/data-requests/decide-request.ts',
    auth: { roles: DATA_REQUEST_ROLES },
    // As the stream consumer (CarryOutDataRequests): carrying an erasure out deletes evidence files.
    access: {
      table: 'readWrite',
      readsPolicy: true,
      sendsEmail: true,
      customerTokens: 'links',
      dataExports: 'write',
      evidenceDeletion: true,
    },
    description: 'Carry out a data-subject request now, or refuse it with a reason the customer is told',
  },
];
