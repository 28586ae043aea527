import { SFNClient } from '@aws-sdk/client-sfn';

// One client per container, created lazily (see dynamo-client.ts).
let sfnClient: SFNClient | undefined;

export const sfn = (): SFNClient => (sfnClient ??= new SFNClient({}));
