import { useEffect, useState } from 'preact/hooks';
import { STAFF_ROLES } from '../../../functions/domain/staff.ts';
import type { StaffMember } from '../../../functions/domain/staff-directory.ts';
import { loadConfig, type WebConfig } from '../shared/config.ts';
import { Alert } from '../shared/field.tsx';
import { hostedUiSignIn, localSignIn } from './auth.ts';
import { useConsoleLocale } from './console-locale.ts';

/** Sign-in: the Cognito hosted UI in AWS; locally, a form that mints a development token. */
export const LoginPage = ({ error }: { error?: string | undefined }) => {
  const [config, setConfig] = useState<WebConfig | undefined>();
  const [role, setRole] = useState('agent');
  const [department, setDepartment] = useState('quality');
  const [subject, setSubject] = useState('');
  const [failure, setFailure] = useState(error);
  const { t, label } = useConsoleLocale();
  const [members, setMembers] = useState<StaffMember[]>([]);
  useEffect(() => void loadConfig().then(setConfig), []);
  // Locally, the seeded staff directory: signing in as a member makes the session match the directory.
  useEffect(() => {
    if (!config?.localLogin) return;
    void fetch(`${config.apiUrl}/local/dev-token`)
      .then((response) =>
        response.ok ? (response.json() as Promise<{ staff: StaffMember[] }>) : { staff: [] },
      )
      .then((directory) => setMembers(directory.staff))
      .catch(() => setMembers([]));
  }, [config]);
  const pickMember = (id: string) => {
    const member = members.find((candidate) => candidate.id === id);
    setSubject(member?.id ?? '');
    if (!member) return;
    setRole(member.roles[0] ?? 'agent');
    setDepartment(member.department ?? '');
  };
  if (!config) return <p role="status">{t.loading}</p>;

  const signIn = async (event: Event) => {
    event.preventDefault();
    try {
      await localSignIn({ role, department: department || undefined, subject: subject || undefined });
      location.hash = '#/queue';
      location.reload();
    } catch (caught) {
      setFailure(String(caught));
    }
  };

  return (
    <section aria-labelledby="login-title">
      <h1 id="login-title">{t.login.title}</h1>
      {failure && <Alert kind="error">{failure}</Alert>}
      {config.cognito && (
        <button type="button" onClick={() => void hostedUiSignIn()}>
          {t.login.hostedUi}
        </button>
      )}
      {config.localLogin && (
        <form onSubmit={(event) => void signIn(event)}>
          <Alert kind="info">{t.login.localNote}</Alert>
          {members.length > 0 && (
            <div class="field">
              <label for="member">{t.login.member}</label>
              <select id="member" value={subject} onChange={(event) => pickMember(event.currentTarget.value)}>
                <option value="">{t.login.anyMember}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name} · {member.roles.map((name) => label('role', name)).join(t.listSeparator)}
                    {member.department ? ` · ${member.department}` : ''}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="role">{t.login.role}</label>
            <select id="role" value={role} onChange={(event) => setRole(event.currentTarget.value)}>
              {STAFF_ROLES.map((name) => (
                <option key={name} value={name}>
                  {label('role', name)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="department">{t.login.department}</label>
            <input
              id="department"
              type="text"
              value={department}
              onInput={(event) => setDepartment(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="subject">{t.login.subject}</label>
            <input
              id="subject"
              type="text"
              value={subject}
              onInput={(event) => setSubject(event.currentTarget.value)}
            />
          </div>
          <button type="submit">{t.login.submit}</button>
        </form>
      )}
    </section>
  );
};
