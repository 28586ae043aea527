/**
 * The HTTP API, declared once. The CDK stack makes one Lambda function and one route per entry;
 * the local gateway serves the same table with the same handlers.
 */
export type RouteAuth = 'public';

export interface RouteDefinition {
  /** Logical name, used for the Lambda function's construct id. */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `{param}` for a path parameter. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  auth: RouteAuth;
  description: string;
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    name: 'SubmitComplaint',
    method: 'POST',
    path: '/v1/complaints',
    entry: 'functions/api/submit-complaint.ts',
    auth: 'public',
    description: 'Public complaint intake',
  },
  {
    name: 'GetComplaint',
    method: 'GET',
    path: '/v1/complaints/{id}',
    entry: 'functions/api/get-complaint.ts',
    auth: 'public',
    description: "The complainant's view of a complaint (tracking token required)",
  },
];
