import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPair, SignJWT } from 'jose';
import type { StaffRole } from '../functions/domain/staff.ts';
import { isStaffRoute, ROUTES, type RouteDefinition } from '../functions/routes.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { startStackProcess, useStackProcess, type StackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { postComplaint, uniqueEmail } from './sample-complaints.ts';
import { eventually, sentEmails, staffApi } from './stack-client.ts';

/** DOM APIs and Preact props that would parse a string as HTML. */
const RAW_HTML_SINKS = [
  'dangerouslySetInnerHTML',
  'innerHTML',
  'outerHTML',
  'insertAdjacentHTML',
  'document.write',
];

const webSources = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/u.test(file))
    .map((file) => join(dir, file));

const webSourceCount = (dir: string): number => webSources(dir).length;

/** `file:line` of every raw-HTML sink in the web sources. */
const rawHtmlSinks = (dir: string): string[] =>
  webSources(dir).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        RAW_HTML_SINKS.some((sink) => line.includes(sink)) ? [`${file}:${index + 1}`] : [],
      ),
  );

/** Markup that must reach mail only escaped. */
const PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];

/** Query strings a staff route needs to answer 2xx (the rest need none). */
const SAMPLE_QUERIES: Partial<Record<string, string>> = {
  GetKpiReport: '?from=2026-11-01&to=2026-11-30&by=department',
  ExportComplaints: '?from=2026-11-01&to=2026-11-30',
};

const requestFor = (route: RouteDefinition, id: string, version: number) => ({
  url: `${route.path.replace('{id}', id)}${SAMPLE_QUERIES[route.name] ?? ''}`,
  init:
    route.method === 'GET'
      ? {}
      : {
          method: route.method,
          body: JSON.stringify({ type: 'add-note', expectedVersion: version, text: 'matrix' }),
        },
});

/**
 * Auth matrix, tracking-token forgery, markup in mail, personal data in logs and cdk-nag. The
 * stack's own output (every log line of the handlers at INFO) is what the log check reads.
 */
export const benchSecurity = async (options: { synth: boolean }): Promise<Section> => {
  const result = section('Security');
  const stack: StackProcess = await startStackProcess({ slaTimeScale: 1 });
  try {
    useStackProcess(stack);
    const { issueDevToken } = await import('../local/auth/issue-token.ts');
    const { devKeys, DEV_AUDIENCE, DEV_ISSUER } = await import('../local/auth/dev-keys.ts');
    const { getComplaint } = await import('../functions/adapters/complaint-repository.ts');

    // A complaint with markup in every free-text field, and contact details to look for in the logs.
    const email = uniqueEmail('security');
    const phone = '+86 139 8765 4321';
    const [p0, p1, p2] = PAYLOADS as [string, string, string];
    const created = await postComplaint(stack.urls.api, {
      customer: { name: `${p0} 王`, email, phone, locale: 'zh-CN' },
      subject: `${p1} 电热水壶漏水`,
      description: `${p2} 使用第三天底部开始漏水，差点导致插座短路。`,
      product: p0,
      desiredOutcome: p1,
      categoryHint: 'product-quality',
      consent: { dataProcessing: true },
    });
    const { id, trackingToken } = (await created.json()) as { id: string; trackingToken: string };
    await eventually(
      async () => ((await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined),
      30_000,
      'first-response stage',
    );

    // Staff texts that reach the customer: a request for information (mailed by the workflow).
    const manager = await issueDevToken({ role: 'manager', subject: 'bench-security' });
    await staffApi(stack, manager).act(id, { type: 'accept' });
    await staffApi(stack, manager).act(id, { type: 'request-info', message: `${p2} 请提供购买凭证。${p0}` });
    await eventually(
      async () =>
        (await sentEmails(stack)).filter((mail) => mail.destination.to.includes(email)).length >= 2
          ? true
          : undefined,
      30_000,
      'info-request mail',
    );

    // 1. Auth matrix over every staff route.
    const version = (await getComplaint(id))!.version;
    const keys = await devKeys();
    const sign = (
      claims: Record<string, unknown>,
      key: Parameters<SignJWT['sign']>[0] = keys.privateKey,
      kid = keys.kid,
      audience = DEV_AUDIENCE,
    ) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid })
        .setSubject('matrix')
        .setIssuer(DEV_ISSUER)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(key);
    const strangerKey = (await generateKeyPair('ES256')).privateKey;
    const valid = await issueDevToken({ role: 'agent', department: 'quality', subject: 'matrix-agent' });
    // Who calls: an invalid token (401), a valid one without staff role or of another department
    // (403), or staff in a role, allowed (2xx) only where the route's roles include it.
    type Caller = 'invalid' | 'no staff role' | 'other department' | StaffRole;
    const cases: [string, string | undefined, Caller][] = [
      ['no token', undefined, 'invalid'],
      ['not a JWT', 'not-a-jwt', 'invalid'],
      ['forged signature', `${valid.split('.').slice(0, 2).join('.')}.${'A'.repeat(86)}`, 'invalid'],
      [
        'signed by another key',
        await sign({ 'cognito:groups': ['admin'], token_use: 'id' }, strangerKey),
        'invalid',
      ],
      [
        'wrong audience',
        await sign(
          { 'cognito:groups': ['admin'], token_use: 'id' },
          keys.privateKey,
          keys.kid,
          'someone-else',
        ),
        'invalid',
      ],
      ['expired', await issueDevToken({ role: 'admin', expiresInSeconds: -120 }), 'invalid'],
      [
        'no staff role',
        await sign({ 'cognito:groups': ['customers'], 'custom:department': 'quality', token_use: 'id' }),
        'no staff role',
      ],
      [
        'agent of another department',
        await issueDevToken({ role: 'agent', department: 'logistics', subject: 'matrix-other' }),
        'other department',
      ],
      ['agent of the department', valid, 'agent'],
      [
        'supervisor of the department',
        await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'matrix-sup' }),
        'supervisor',
      ],
      ['manager', await issueDevToken({ role: 'manager', subject: 'matrix-mgr' }), 'manager'],
      ['admin', await issueDevToken({ role: 'admin', subject: 'matrix-admin' }), 'admin'],
    ];
    const expectedStatuses = (route: { auth: { roles: readonly StaffRole[] } }, caller: Caller) => {
      if (caller === 'invalid') return [401];
      if (caller === 'no staff role' || caller === 'other department') return [403];
      return route.auth.roles.includes(caller) ? [200, 201] : [403];
    };
    const staffRoutes = ROUTES.filter(isStaffRoute);
    const mismatches: string[] = [];
    let cells = 0;
    let currentVersion = version;
    for (const route of staffRoutes) {
      for (const [who, token, caller] of cases) {
        const expected = expectedStatuses(route, caller);
        const { url, init } = requestFor(route, id, currentVersion);
        // The queue of a department the agent does not belong to is the cross-department probe.
        const path =
          route.path === '/v1/staff/complaints' && who === 'agent of another department'
            ? `${url}?department=quality`
            : url;
        const response = await fetch(`${stack.urls.api}${path}`, {
          ...init,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
        });
        await response.arrayBuffer();
        cells += 1;
        if (!expected.includes(response.status))
          mismatches.push(
            `${route.method} ${route.path} as ${who}: ${response.status}, expected ${expected.join('/')}`,
          );
        if (response.ok) currentVersion = (await getComplaint(id))!.version;
      }
    }
    result.lines.push(
      `Auth matrix: ${staffRoutes.length} staff routes × ${cases.length} callers = ${cells} requests (${cases.map(([who]) => who).join('; ')}); ${mismatches.length} answered otherwise than expected (401 for a missing/invalid/expired token, 403 for no staff role, another department or a role the route does not allow (reports: managers and admins), 2xx otherwise).`,
    );
    for (const mismatch of mismatches.slice(0, 10)) result.notes.push(`auth matrix: ${mismatch}`);
    result.targets.push({
      name: 'auth matrix mismatches',
      value: `${mismatches.length} of ${cells}`,
      target: '0',
      pass: mismatches.length === 0,
    });

    // 2. Tracking tokens: forged, borrowed from another complaint, tampered; the real one works.
    const other = (await (
      await postComplaint(stack.urls.api, {
        customer: { name: 'B', email: uniqueEmail('security-b') },
        subject: '另一个投诉',
        description: '这是另外一个投诉的详细描述。',
        consent: { dataProcessing: true },
      })
    ).json()) as { id: string; trackingToken: string };
    const flip = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: [string, string, string][] = [
      ['token of another complaint', id, other.trackingToken],
      ['tampered last character', id, flip(trackingToken)],
      ['truncated', id, trackingToken.slice(0, -2)],
      ['empty', id, ''],
      ['random', id, 'x'.repeat(trackingToken.length)],
      ['real token, another id', other.id, trackingToken],
    ];
    let accepted = 0;
    for (const [, complaintId, token] of attempts) {
      for (const path of [`/v1/complaints/${complaintId}`, `/v1/complaints/${complaintId}/messages`]) {
        const response = await fetch(`${stack.urls.api}${path}`, {
          method: path.endsWith('messages') ? 'POST' : 'GET',
          headers: { 'x-tracking-token': token, 'content-type': 'application/json' },
          body: path.endsWith('messages') ? JSON.stringify({ message: '伪造的消息' }) : undefined,
        });
        await response.arrayBuffer();
        if (response.status !== 404) accepted += 1;
      }
    }
    const own = await fetch(`${stack.urls.api}/v1/complaints/${id}`, {
      headers: { 'x-tracking-token': trackingToken },
    });
    const replay = await fetch(`${stack.urls.api}/v1/complaints/${id}`, {
      headers: { 'x-tracking-token': trackingToken },
    });
    result.lines.push(
      `Tracking tokens: ${attempts.length * 2} forged/borrowed/tampered attempts on GET and POST messages, ${accepted} not answered 404; the real token answers ${own.status}, and again ${replay.status} when replayed — by design it is a bearer capability (HMAC of the complaint id and its token generation), taken from the x-tracking-token header only, valid until a year after closing or until staff revoke it, so whoever holds the link can read the complaint and answer requests for information meanwhile.`,
    );
    result.targets.push({
      name: 'forged tracking tokens accepted',
      value: String(accepted),
      target: '0',
      pass: accepted === 0,
    });

    // 3. Markup in mail: each payload must appear only escaped in the HTML of every mail.
    const mails = (await sentEmails(stack)).filter(
      (mail) =>
        mail.destination.to.includes(email) ||
        mail.subject.includes('电热水壶') ||
        (mail.body.html ?? '').includes('电热水壶'),
    );
    const unescaped = mails.flatMap((mail) =>
      PAYLOADS.filter((payload) => (mail.body.html ?? '').includes(payload)).map(
        (payload) => `${mail.subject}: ${payload}`,
      ),
    );
    result.lines.push(
      `Markup in mail: ${PAYLOADS.length} payloads in the name, subject, description, product, desired outcome and a staff request for information; ${mails.length} mails about the complaint in the SES store; ${unescaped.length} contain a payload unescaped in their HTML part.`,
    );
    result.targets.push({
      name: 'unescaped markup in mail',
      value: String(unescaped.length),
      target: '0',
      pass: unescaped.length === 0,
    });
    for (const hit of unescaped.slice(0, 5)) result.notes.push(`unescaped: ${hit}`);

    // Pages: Preact puts every text into text nodes; markup could only run through a raw-HTML sink.
    const sinks = rawHtmlSinks(join(REPO_ROOT, 'web', 'src'));
    result.lines.push(
      `Markup in pages: the web app (web/src, Preact) renders customer and staff texts as text nodes; ${sinks.length} raw-HTML sinks (${RAW_HTML_SINKS.join(', ')}) in its ${webSourceCount(join(REPO_ROOT, 'web', 'src'))} source files.`,
    );
    result.targets.push({
      name: 'raw-HTML sinks in the web pages',
      value: String(sinks.length),
      target: '0',
      pass: sinks.length === 0,
    });
    for (const sink of sinks.slice(0, 5)) result.notes.push(`raw-HTML sink: ${sink}`);

    // 4. Personal data in the stack's output (handlers log at INFO here).
    const digits = phone.replace(/\D/gu, '');
    const leaks = stack.output.filter(
      (line) =>
        line.includes(email) ||
        line.replace(/\D/gu, '').includes(digits) ||
        line.includes(other.trackingToken),
    );
    result.lines.push(
      `Logs: ${stack.output.length} lines printed by the stack during this scenario (LOG_LEVEL=INFO); ${leaks.length} contain the customer's email, phone digits or a tracking token.`,
    );
    result.targets.push({
      name: 'log lines with email/phone',
      value: String(leaks.length),
      target: '0',
      pass: leaks.length === 0,
    });
    for (const leak of leaks.slice(0, 3)) result.notes.push(`log leak: ${leak.slice(0, 200)}`);
  } finally {
    await stack.stop();
  }

  // 5. cdk-nag: `npm run synth` fails on any unacknowledged finding.
  if (options.synth) {
    const started = performance.now();
    const synth = spawnSync('npm', ['run', '-s', 'synth'], { cwd: REPO_ROOT, encoding: 'utf8' });
    result.lines.push(
      `cdk-nag: \`npm run synth\` exited ${synth.status} in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    );
    result.targets.push({
      name: 'npm run synth (cdk-nag) exit code',
      value: String(synth.status),
      target: '0',
      pass: synth.status === 0,
    });
    if (synth.status !== 0)
      result.notes.push(`synth: ${(synth.stderr || synth.stdout).trim().split('\n').slice(-5).join(' / ')}`);
  } else {
    result.notes.push('cdk-nag not run (--quick): `npm run synth` is its check.');
  }
  return result;
};
