import {
  attachmentDeclarationSchema,
  attachmentLinkSchema,
  attachmentUploadSchema,
} from '../domain/evidence.ts';
import { legalHoldRequestSchema, legalHoldResponseSchema } from '../domain/retention.ts';
import { intakeRequestSchema, staffIntakeRequestSchema } from '../domain/intake.ts';
import { createIncidentSchema, incidentActionSchema } from '../domain/incident.ts';
import {
  incidentActionResultSchema,
  incidentListViewSchema,
  incidentSuggestionsViewSchema,
  incidentViewSchema,
} from '../domain/incident-view.ts';
import {
  createTemplateSchema,
  replyTemplateViewSchema,
  templateListSchema,
  templateQuerySchema,
  updateTemplateSchema,
} from '../domain/reply-templates.ts';
import {
  changePolicySchema,
  policyAdminViewSchema,
  policyVersionViewSchema,
} from '../domain/policy-versions.ts';
import { staffActionSchema } from '../domain/staff-actions.ts';
import { accessLogQuerySchema, accessLogViewSchema } from '../domain/access-log.ts';
import {
  correctiveActionListViewSchema,
  correctiveActionsQuerySchema,
} from '../domain/corrective-action-view.ts';
import { staffDirectoryViewSchema } from '../domain/staff-directory.ts';
import { customerMessageSchema, trackingLinkRequestSchema } from '../domain/customer-message.ts';
import { surveyAnswerSchema } from '../domain/survey.ts';
import { challengeSchema, PROOF_OF_WORK_HEADER, proofOfWorkHeaderSchema } from '../domain/proof-of-work.ts';
import * as z from '../domain/zod.ts';
import { ROUTES, isStaffRoute, type RouteDefinition } from '../routes.ts';
import { queueQuerySchema } from './staff/schemas.ts';
import {
  dataExportLinksSchema,
  dataRequestActionSchema,
  dataRequestConfirmationSchema,
  dataRequestFormSchema,
  dataRequestListSchema,
  dataRequestReceiptSchema,
  dataRequestViewSchema,
  trackedDataRequestSchema,
} from '../domain/data-subject-request.ts';
import { complaintExportQuerySchema, kpiQuerySchema, kpiReportSchema } from './staff/report-schemas.ts';

const problem = {
  description: 'Problem details (RFC 9457)',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
          },
          allowed: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const jsonSchema = (schema: z.core.$ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

/** Request details per route that the route table does not carry. */
const DETAILS: Record<
  string,
  {
    body?: z.core.$ZodType;
    query?: z.ZodMiniObject;
    response?: z.core.$ZodType;
    /** The success body is CSV text, paged with a `Link: rel="next"` header. */
    csv?: boolean;
    success: number;
    token?: boolean;
    gone?: boolean;
    /** Needs a solved challenge in the Proof-Of-Work header (403 otherwise). */
    proofOfWork?: boolean;
  }
> = {
  SubmitComplaint: { body: intakeRequestSchema, success: 201, proofOfWork: true },
  GetChallenge: { response: challengeSchema, success: 200 },
  RequestTrackingLink: { body: trackingLinkRequestSchema, success: 202, proofOfWork: true },
  GetComplaint: { success: 200, token: true },
  PostCustomerMessage: { body: customerMessageSchema, success: 201, token: true },
  AddCustomerAttachment: {
    body: attachmentDeclarationSchema,
    response: attachmentUploadSchema,
    success: 201,
    token: true,
  },
  GetCustomerAttachment: { response: attachmentLinkSchema, success: 200, token: true },
  GetSurvey: { success: 200, gone: true },
  AnswerSurvey: { body: surveyAnswerSchema, success: 201, gone: true },
  OptOutOfSurvey: { success: 200 },
  GetOpenApi: { success: 200 },
  LogStaffComplaint: { body: staffIntakeRequestSchema, success: 201 },
  ListStaffQueue: { query: queueQuerySchema, success: 200 },
  GetStaffCase: { success: 200 },
  PerformStaffAction: { body: staffActionSchema, success: 200 },
  GetCaseAccessLog: { query: accessLogQuerySchema, response: accessLogViewSchema, success: 200 },
  AddStaffAttachment: { body: attachmentDeclarationSchema, response: attachmentUploadSchema, success: 201 },
  GetStaffAttachment: { response: attachmentLinkSchema, success: 200 },
  GetStaffDirectory: { response: staffDirectoryViewSchema, success: 200 },
  GetKpiReport: { query: kpiQuerySchema, response: kpiReportSchema, success: 200 },
  ExportComplaints: { query: complaintExportQuerySchema, csv: true, success: 200 },
  ListCorrectiveActions: {
    query: correctiveActionsQuerySchema,
    response: correctiveActionListViewSchema,
    success: 200,
  },
  CreateIncident: { body: createIncidentSchema, response: incidentViewSchema, success: 201 },
  ListIncidents: { response: incidentListViewSchema, success: 200 },
  GetIncident: { response: incidentViewSchema, success: 200 },
  PerformIncidentAction: { body: incidentActionSchema, response: incidentActionResultSchema, success: 200 },
  GetIncidentSuggestions: { response: incidentSuggestionsViewSchema, success: 200 },
  ListReplyTemplates: { query: templateQuerySchema, response: templateListSchema, success: 200 },
  CreateReplyTemplate: { body: createTemplateSchema, response: replyTemplateViewSchema, success: 201 },
  UpdateReplyTemplate: { body: updateTemplateSchema, response: replyTemplateViewSchema, success: 200 },
  RetireReplyTemplate: { response: replyTemplateViewSchema, success: 200 },
  GetPolicy: { response: policyAdminViewSchema, success: 200 },
  ChangePolicy: { body: changePolicySchema, response: policyVersionViewSchema, success: 200 },
  GetPolicyVersion: { response: policyVersionViewSchema, success: 200 },
  SetLegalHold: { body: legalHoldRequestSchema, response: legalHoldResponseSchema, success: 200 },
  AskForDataRequest: { body: dataRequestFormSchema, success: 202, proofOfWork: true },
  AskForDataRequestFromTracking: { body: trackedDataRequestSchema, success: 202, token: true },
  ConfirmDataRequest: {
    body: dataRequestConfirmationSchema,
    response: dataRequestReceiptSchema,
    success: 201,
  },
  OpenDataExport: { body: dataRequestConfirmationSchema, response: dataExportLinksSchema, success: 200 },
  ListDataRequests: { response: dataRequestListSchema, success: 200 },
  DecideDataRequest: { body: dataRequestActionSchema, response: dataRequestViewSchema, success: 200 },
};

const csvSuccess = {
  description:
    'One page of the export: UTF-8 with a byte order mark, a header row, CRLF line ends (RFC 4180)',
  headers: {
    Link: {
      description: 'The next page, `<…>; rel="next"` (RFC 8288); absent on the last page',
      schema: { type: 'string' },
    },
    'Content-Disposition': { schema: { type: 'string' } },
  },
  content: { 'text/csv': { schema: { type: 'string' } } },
};

const operation = (route: RouteDefinition) => {
  const details = DETAILS[route.name] ?? { success: 200 };
  const pathParameters = [...route.path.matchAll(/\{(\w+)\}/gu)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParameters = details.query
    ? Object.entries(details.query.shape).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: jsonSchema(schema),
      }))
    : [];
  const tokenParameters = details.token
    ? [
        { name: 'X-Tracking-Token', in: 'header', required: false, schema: { type: 'string' } },
        { name: 'token', in: 'query', required: false, schema: { type: 'string' } },
      ]
    : [];
  const proofOfWorkParameters = details.proofOfWork
    ? [
        {
          name: PROOF_OF_WORK_HEADER,
          in: 'header',
          required: true,
          schema: jsonSchema(proofOfWorkHeaderSchema),
        },
      ]
    : [];
  return {
    operationId: route.name,
    summary: route.description,
    ...(isStaffRoute(route) ? { security: [{ staffJwt: [] }] } : {}),
    parameters: [...pathParameters, ...queryParameters, ...tokenParameters, ...proofOfWorkParameters],
    ...(details.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(details.body) } },
          },
        }
      : {}),
    responses: {
      [details.success]: details.csv
        ? csvSuccess
        : {
            description: 'Success',
            content: {
              'application/json': {
                schema: details.response
                  ? z.toJSONSchema(details.response, { io: 'output', unrepresentable: 'any' })
                  : {},
              },
            },
          },
      '400': problem,
      ...(isStaffRoute(route) ? { '401': problem, '403': problem } : {}),
      ...(details.proofOfWork ? { '403': problem } : {}),
      '404': problem,
      ...(route.method === 'POST' || route.method === 'PUT'
        ? { '409': problem, '413': problem, '415': problem }
        : {}),
      ...(route.name === 'PerformStaffAction' || route.name === 'PerformIncidentAction'
        ? { '422': problem }
        : {}),
      ...(details.gone ? { '410': problem } : {}),
    },
  };
};

/** The OpenAPI 3.1 document of the API: paths from the route table, bodies from the zod schemas. */
export const openApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Complaint-handling platform API', version: '1' },
    components: {
      securitySchemes: { staffJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
    paths,
  };
};
