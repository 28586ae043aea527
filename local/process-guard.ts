/**
 * The last line of defence of `npm start`: an error nothing handled is logged and the runtime goes
 * on, as one failed Lambda invocation never stops the others in AWS. Each such error is a bug to fix
 * where it arises (the log line says where); this only keeps the stack serving meanwhile.
 */
export const surviveUnhandledErrors = (report: (line: string) => void): void => {
  const describe = (error: unknown) =>
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.on('unhandledRejection', (reason) =>
    report(`unhandled rejection (the runtime goes on): ${describe(reason)}`),
  );
  process.on('uncaughtException', (error) =>
    report(`uncaught exception (the runtime goes on): ${describe(error)}`),
  );
};
