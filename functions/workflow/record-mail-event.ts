// Placeholder until the application side writes this handler (SES mail events → the complaint).
// eslint-disable-next-line @typescript-eslint/require-await
export const handler = async () => undefined;
