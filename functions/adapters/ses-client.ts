import { SESv2Client } from '@aws-sdk/client-sesv2';

// One client per container, created lazily (see dynamo-client.ts).
let sesClient: SESv2Client | undefined;

export const ses = (): SESv2Client => (sesClient ??= new SESv2Client({}));
