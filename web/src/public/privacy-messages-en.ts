/** The personal-data page's and the tracking page's data-request words (English). */
export const privacyEn = {
  title: 'Your personal data',
  intro:
    'You may ask for a copy of the personal data we hold about your complaints, or for its erasure. A request covers every complaint filed with your email address, so we first mail a link to that address: the request only counts once you confirm it there.',
  askTitle: 'Ask about your personal data',
  email: 'Email address used for your complaints',
  badEmail: 'Enter the email address you used, e.g. name@example.com',
  kind: 'What do you want?',
  export: 'Get a copy of my data',
  erasure: 'Erase my data',
  exportHint: 'A file (JSON) with every complaint you filed, our messages and answers, and your files.',
  erasureTitle: 'What erasing means',
  erasureText:
    'Your name, email, phone number, what you wrote, your files and the copies of our emails are removed from every complaint that is closed or rejected. Figures without your identity (dates, categories, ratings) stay in our statistics. Tracking links stop working. This cannot be undone.',
  erasureRefused:
    'We keep a complaint that is still being handled (ask again once it is closed) or one a legal proceeding requires us to keep (legal hold). The email with the result names each complaint kept and why.',
  submit: 'Send me the confirmation link',
  sent: 'If complaints were filed with this address, we have sent it a confirmation link. Open it within 24 hours.',
  confirmTitle: 'Confirm your request',
  confirmText: 'Confirm that you want us to handle this request for every complaint filed with your address.',
  confirm: 'Confirm request',
  confirmed: (due: string) => `Your request was received. We will answer it by ${due}, by email.`,
  confirmedKind: (kind: string) => `Request: ${kind}`,
  linkInvalid: 'This link is not valid. Open the link from our email again, or ask again below.',
  linkExpired: 'This link has expired. Please ask again.',
  askAgain: 'Ask again',
  downloadTitle: 'Download your data',
  downloadText: 'Download links are made when you ask for them and work for 15 minutes.',
  getLinks: 'Get download links',
  document: 'Your personal data (JSON)',
  files: 'Your files',
  linksUntil: (until: string) => `These links work until ${until}.`,
  trackTitle: 'Your personal data',
  trackIntro:
    'Ask for a copy of your personal data or for its erasure. We mail a confirmation link to the email address of this complaint.',
  trackSent: 'We have mailed a confirmation link to the email address of this complaint. Open it to confirm.',
  trackNoEmail: 'This complaint has no email address: please contact us to ask.',
};
export type PrivacyMessages = typeof privacyEn;
