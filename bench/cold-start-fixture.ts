import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { issueSurveyToken } from '../functions/adapters/survey-token.ts';
import { itemKeys } from '../functions/adapters/table.ts';
import { createHmac } from 'node:crypto';
import { signingKey } from '../functions/adapters/signing-key.ts';
import { localClientConfig } from '../local/aws-local.ts';
import { TABLE_NAME } from '../local/stack.ts';
import type { ColdStartFixture } from './cold-start-events.ts';
import type { StackProcess } from './local-stack-process.ts';
import { intakeBody, postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually } from './stack-client.ts';
import { proofOfWorkHeaders } from '../test/support/proof-of-work.ts';

const SURVEY_TOKEN_LIFETIME_MS = 7 * 86_400_000;

/**
 * A tracking token in its first format (`tracking:v1`, an HMAC of the complaint id): the archived
 * baseline bundles know only this one, and the current ones still accept it (links already mailed keep
 * working), so both do the same work on the same token.
 */
const legacyTrackingToken = async (complaintId: string): Promise<string> =>
  createHmac('sha256', await signingKey())
    .update(`tracking:v1:${complaintId}`)
    .digest('base64url');

/**
 * Seeds the stack for the sample events: a triaged complaint with its tokens and its triage event,
 * and a second complaint whose lifecycle execution is running (parked at its first human stage, so
 * it does no work while the bench measures). `triage` runs the Triage bundle on a complaint, untimed.
 * The tokens are signed in this process with the key the handlers are given (TOKEN_SIGNING_KEY).
 */
export const seedColdStartFixture = async (
  stack: StackProcess,
  stateMachineArn: string,
  triage: (complaintId: string) => Promise<void>,
): Promise<{ fixture: ColdStartFixture; close: () => void }> => {
  const dynamoDb = new DynamoDBClient(localClientConfig(stack.urls.dynamoDb));
  const documents = DynamoDBDocumentClient.from(dynamoDb);
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));

  const complaintItem = async (id: string) =>
    (await documents.send(new GetCommand({ TableName: TABLE_NAME, Key: itemKeys.complaint(id) }))).Item;

  const newComplaint = async (options: { description?: string; triaged?: boolean } = {}) => {
    const body = intakeBody(uniqueEmail('cold-start'));
    const response = await postComplaint(
      stack.urls.api,
      options.description ? { ...body, description: options.description } : body,
    );
    const answer = (await response.json()) as { id?: string };
    if (response.status !== 201 || !answer.id)
      throw new Error(`seeding: submit answered ${response.status}: ${JSON.stringify(answer)}`);
    if (options.triaged) await triage(answer.id);
    return answer.id;
  };

  const complaintId = await newComplaint({ triaged: true });
  const events = await dynamoDb.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': { S: itemKeys.complaint(complaintId).pk },
        ':prefix': { S: itemKeys.eventPrefix(complaintId).skPrefix },
      },
    }),
  );
  const triagedEventImage = events.Items?.find((item) => item.type?.S === 'complaint.triaged');
  if (!triagedEventImage) throw new Error('seeding: the triaged complaint has no complaint.triaged event');

  // Started as StartLifecycle starts it (same name and input), so its StartExecution is idempotent.
  const runningLifecycleComplaintId = await newComplaint();
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      name: runningLifecycleComplaintId,
      input: JSON.stringify({ complaintId: runningLifecycleComplaintId }),
    }),
  );
  await eventually(
    async () => ((await complaintItem(runningLifecycleComplaintId))?.waitToken ? true : undefined),
    30_000,
    'the seeded lifecycle waiting at its first stage',
  );

  const fixture: ColdStartFixture = {
    complaintId,
    trackingToken: await legacyTrackingToken(complaintId),
    surveyToken: await issueSurveyToken(complaintId, 0, new Date(Date.now() + SURVEY_TOKEN_LIFETIME_MS)),
    triagedEventImage,
    runningLifecycleComplaintId,
    version: async (id) => Number((await complaintItem(id))?.version),
    newComplaint,
    proofOfWork: () => proofOfWorkHeaders(stack.urls.api),
  };
  return {
    fixture,
    close: () => {
      dynamoDb.destroy();
      sfn.destroy();
    },
  };
};
