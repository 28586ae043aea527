/** The console's data-request page (English). */
export const dataRequestsEn = {
  nav: 'Data requests',
  title: 'Data requests',
  intro:
    'Copies and erasures of personal data that customers confirmed from their mailbox. Each is carried out at once; a request an open complaint or a legal hold blocked waits here until it can be carried out again or is refused. Answer by the deadline.',
  openOnly: 'Open only',
  empty: 'No data requests.',
  received: 'Confirmed',
  kind: 'Request',
  email: 'Email',
  due: 'Answer by',
  overdue: 'Overdue',
  status: 'Status',
  outcome: 'Outcome',
  actions: 'Actions',
  exported: (complaints: number, files: number) => `${complaints} complaint(s), ${files} file(s)`,
  erased: (references: string) => `Erased: ${references}`,
  kept: 'Kept',
  refusedBecause: (reason: string) => `Refused: ${reason}`,
  fulfil: 'Carry out',
  refuse: 'Refuse…',
  refuseReason: 'Reason told to the customer',
  refuseSend: 'Refuse request',
  cancel: 'Cancel',
  reasonRequired: 'Give the reason the customer will be told.',
  done: 'Done.',
};
export type DataRequestsMessages = typeof dataRequestsEn;
