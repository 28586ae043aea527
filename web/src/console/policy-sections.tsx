import type { JSX } from 'preact';
import type { SlaDuration } from '../../../functions/domain/calendar.ts';
import type { Policy } from '../../../functions/domain/policy.ts';
import { useConsoleLocale } from './console-locale.ts';
import {
  DURATION_UNITS,
  durationOf,
  durationParts,
  type DurationUnit,
  emailsFromText,
  emailsText,
  errorsUnder,
  getIn,
  numberOf,
  type PolicyPath,
  recipientsMode,
  recipientsOf,
  setIn,
} from './policy-form.ts';
import { usePolicyWords } from './policy-words.ts';

/**
 * The parts of the policy administrators change most, each field bound to its policy path. Inputs
 * are uncontrolled (the page re-mounts them when the draft is replaced), so typing an address list
 * or a number is never re-formatted under the cursor; a change is taken when the field is left.
 */
export interface SectionProps {
  policy: Policy;
  canEdit: boolean;
  errors: ReadonlyMap<string, string[]>;
  onChange: (policy: Policy) => void;
}

const idOf = (path: PolicyPath) => `p-${path.join('-')}`;

/** A labelled control for one policy path, with the server's errors at or under that path. */
const PathField = ({
  path,
  label,
  hint,
  errors,
  children,
}: {
  path: PolicyPath;
  label: string;
  hint?: string;
  errors: ReadonlyMap<string, string[]>;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => JSX.Element;
}) => {
  const id = idOf(path);
  const messages = errorsUnder(errors, path);
  const describedBy = [hint && `${id}-hint`, messages.length > 0 && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class={`field${messages.length > 0 ? ' invalid' : ''}`} data-path={path.join('.')}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(messages.length > 0 ? { 'aria-invalid': true } : {}),
      })}
      {messages.length > 0 && (
        <p class="error" id={`${id}-error`}>
          {messages.join('; ')}
        </p>
      )}
    </div>
  );
};

const NumberField = ({
  path,
  label,
  hint,
  ...props
}: SectionProps & { path: PolicyPath; label: string; hint?: string }) => (
  <PathField path={path} label={label} errors={props.errors} {...(hint ? { hint } : {})}>
    {(attributes) => (
      <input
        {...attributes}
        inputMode="decimal"
        disabled={!props.canEdit}
        defaultValue={String((getIn(props.policy, path) as number | string | undefined) ?? '')}
        onChange={(event) => props.onChange(setIn(props.policy, path, numberOf(event.currentTarget.value)))}
      />
    )}
  </PathField>
);

const EmailsField = ({ path, label, ...props }: SectionProps & { path: PolicyPath; label: string }) => {
  const hint = usePolicyWords().departments.emailsHint;
  return (
    <PathField path={path} label={label} hint={hint} errors={props.errors}>
      {(attributes) => (
        <textarea
          {...attributes}
          rows={2}
          disabled={!props.canEdit}
          defaultValue={emailsText(getIn(props.policy, path) as string[])}
          onChange={(event) =>
            props.onChange(setIn(props.policy, path, emailsFromText(event.currentTarget.value)))
          }
        />
      )}
    </PathField>
  );
};

const DurationField = ({ path, label, ...props }: SectionProps & { path: PolicyPath; label: string }) => {
  const w = usePolicyWords().sla;
  const { unit, amount } = durationParts(getIn(props.policy, path) as SlaDuration);
  const id = idOf(path);
  return (
    <fieldset class="duration" data-path={path.join('.')}>
      <legend>{label}</legend>
      <PathField path={path} label={w.amount} errors={props.errors}>
        {(attributes) => (
          <input
            {...attributes}
            inputMode="decimal"
            disabled={!props.canEdit}
            defaultValue={String(amount)}
            onChange={(event) =>
              props.onChange(setIn(props.policy, path, durationOf(unit, event.currentTarget.value)))
            }
          />
        )}
      </PathField>
      <div class="field">
        <label for={`${id}-unit`}>{w.unit}</label>
        <select
          id={`${id}-unit`}
          disabled={!props.canEdit}
          value={unit}
          onChange={(event) =>
            props.onChange(
              setIn(
                props.policy,
                path,
                durationOf(event.currentTarget.value as DurationUnit, String(amount)),
              ),
            )
          }
        >
          {DURATION_UNITS.map((option) => (
            <option key={option} value={option}>
              {w.units[option]}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
};

export const DepartmentsSection = (props: SectionProps) => {
  const w = usePolicyWords().departments;
  const { locale } = useConsoleLocale();
  return (
    <>
      {Object.entries(props.policy.departments).map(([id, department]) => {
        const at = ['departments', id];
        return (
          <fieldset key={id} class="policy-group">
            <legend>{department.name[locale] || id}</legend>
            {(['zh-CN', 'en'] as const).map((language) => (
              <PathField
                key={language}
                path={[...at, 'name', language]}
                label={language === 'zh-CN' ? w.nameZh : w.nameEn}
                errors={props.errors}
              >
                {(attributes) => (
                  <input
                    {...attributes}
                    disabled={!props.canEdit}
                    defaultValue={department.name[language]}
                    onChange={(event) =>
                      props.onChange(
                        setIn(props.policy, [...at, 'name', language], event.currentTarget.value.trim()),
                      )
                    }
                  />
                )}
              </PathField>
            ))}
            <EmailsField {...props} path={[...at, 'supervisors']} label={w.supervisors} />
            <EmailsField {...props} path={[...at, 'heads']} label={w.heads} />
          </fieldset>
        );
      })}
    </>
  );
};

export const SlaSection = (props: SectionProps) => {
  const w = usePolicyWords().sla;
  const cl = useConsoleLocale();
  return (
    <>
      {Object.keys(props.policy.sla.bySeverity).map((severity) => (
        <fieldset key={severity} class="policy-group">
          <legend>{cl.label('severity', severity)}</legend>
          <DurationField
            {...props}
            path={['sla', 'bySeverity', severity, 'firstResponse']}
            label={w.firstResponse}
          />
          <DurationField
            {...props}
            path={['sla', 'bySeverity', severity, 'resolution']}
            label={w.resolution}
          />
        </fieldset>
      ))}
    </>
  );
};

export const EscalationSection = (props: SectionProps) => {
  const w = usePolicyWords().escalation;
  const { locale } = useConsoleLocale();
  return (
    <>
      {props.policy.escalation.levels.map((level, index) => {
        const at = ['escalation', 'levels', index];
        const mode = recipientsMode(level.recipients);
        const list = Array.isArray(level.recipients) ? level.recipients : [];
        return (
          <fieldset key={level.level} class="policy-group">
            <legend>{w.level(level.level, level.name[locale])}</legend>
            <PathField path={[...at, 'recipients']} label={w.recipients} errors={props.errors}>
              {(attributes) => (
                <select
                  {...attributes}
                  disabled={!props.canEdit}
                  value={mode}
                  onChange={(event) =>
                    props.onChange(
                      setIn(
                        props.policy,
                        [...at, 'recipients'],
                        recipientsOf(event.currentTarget.value as never, emailsText(list)),
                      ),
                    )
                  }
                >
                  {Object.entries(w.modes).map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              )}
            </PathField>
            {mode === 'list' && <EmailsField {...props} path={[...at, 'recipients']} label={w.addresses} />}
            <DurationField {...props} path={[...at, 'extraTime']} label={w.extraTime} />
          </fieldset>
        );
      })}
    </>
  );
};

export const KpiTargetsSection = (props: SectionProps) => {
  const w = usePolicyWords().kpi;
  const { t } = useConsoleLocale();
  return (
    <>
      <p class="hint">{w.rateHint}</p>
      <div class="filters">
        {Object.entries(props.policy.kpiTargets).map(([kpi, target]) => {
          const comparator = 'atLeast' in target ? 'atLeast' : 'atMost';
          return (
            <NumberField
              key={kpi}
              {...props}
              path={['kpiTargets', kpi, comparator]}
              label={`${t.dashboard.kpis[kpi] ?? kpi} ${w[comparator]}`}
            />
          );
        })}
      </div>
    </>
  );
};

export const SurgeSection = (props: SectionProps) => {
  const w = usePolicyWords().surge;
  return (
    <div class="filters">
      {(['minCount', 'factor', 'windowMinutes', 'baselineDays'] as const).map((key) => (
        <NumberField key={key} {...props} path={['surge', 'rule', key]} label={w[key]} />
      ))}
    </div>
  );
};

export const ApprovalsSection = (props: SectionProps) => {
  const w = usePolicyWords().approvals;
  return (
    <div class="filters">
      {(['amountThreshold', 'managerAmountThreshold'] as const).map((key) => (
        <NumberField key={key} {...props} path={['approvals', key]} label={w[key]} />
      ))}
    </div>
  );
};
