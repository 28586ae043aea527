import { useState } from 'preact/hooks';
import { calendarYearFromIcs, type IcsCalendarYear } from '../../../functions/domain/calendar-ics.ts';
import {
  calendarYearDays,
  type CalendarYearDays,
  daysOf,
} from '../../../functions/domain/calendar-year-entry.ts';
import type { Policy } from '../../../functions/domain/policy.ts';
import { Alert } from '../shared/field.tsx';
import { calendarYearOf, errorsUnder, nextCalendarYear, withCalendarYear } from './policy-form.ts';
import { useConsoleLocale } from './console-locale.ts';
import { usePolicyWords } from './policy-words.ts';

interface Props {
  policy: Policy;
  canEdit: boolean;
  errors: ReadonlyMap<string, string[]>;
  onChange: (policy: Policy) => void;
}

/** The years of the calendar: the one chosen as named holiday periods and 调休 days, editable, importable. */
export const CalendarYearsEditor = ({ policy, canEdit, errors, onChange }: Props) => {
  const w = usePolicyWords().calendar;
  const { colon } = useConsoleLocale().t;
  const years = Object.keys(policy.calendar.years).sort();
  const [chosen, setChosen] = useState(years.at(-1) ?? '');
  const year = years.includes(chosen) ? chosen : (years.at(-1) ?? '');
  const [newYear, setNewYear] = useState(() => nextCalendarYear(policy, new Date()));
  const days = calendarYearDays(calendarYearOf(policy, year));
  const change = (next: CalendarYearDays) => onChange(withCalendarYear(policy, year, next));
  const yearErrors = year ? errorsUnder(errors, ['calendar', 'years', year]) : [];

  return (
    <div data-testid="calendar-years">
      <p>
        {w.covered}
        {colon}
        <span data-testid="covered-years">{years.length > 0 ? years.join(', ') : w.none}</span>
      </p>
      <div class="filters">
        <div class="field">
          <label for="p-year">{w.year}</label>
          <select id="p-year" value={year} onChange={(event) => setChosen(event.currentTarget.value)}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        {canEdit && (
          <>
            <div class="field">
              <label for="p-new-year">{w.addYear}</label>
              <input
                id="p-new-year"
                inputMode="numeric"
                pattern="\d{4}"
                value={newYear}
                onInput={(event) => setNewYear(event.currentTarget.value)}
              />
            </div>
            <button
              type="button"
              class="secondary"
              disabled={!/^\d{4}$/u.test(newYear) || years.includes(newYear)}
              onClick={() => {
                onChange(withCalendarYear(policy, newYear, { holidays: [], workingDays: [] }));
                setChosen(newYear);
                setNewYear(String(Number(newYear) + 1));
              }}
            >
              {w.addYear}
            </button>
          </>
        )}
      </div>
      {yearErrors.length > 0 && (
        <ul class="error" data-testid="calendar-errors">
          {yearErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {year && <YearDays key={year} year={year} days={days} canEdit={canEdit} onChange={change} />}
      {year && canEdit && <IcsImport key={`ics-${year}`} year={year} onReplace={change} />}
    </div>
  );
};

const YearDays = ({
  year,
  days,
  canEdit,
  onChange,
}: {
  year: string;
  days: CalendarYearDays;
  canEdit: boolean;
  onChange: (days: CalendarYearDays) => void;
}) => {
  const w = usePolicyWords().calendar;
  return (
    <>
      <h3>
        {w.holidays} · {year}
      </h3>
      <PeriodTable
        days={days}
        onRemove={canEdit ? (index) => onChange(without(days, 'holidays', index)) : undefined}
      />
      {canEdit && (
        <AddForm
          id="p-holiday"
          year={year}
          fields={['name', 'from', 'to']}
          submit={w.addHoliday}
          onAdd={({ name, from, to }) =>
            onChange({ ...days, holidays: [...days.holidays, { name: name!, from: from!, to: to || from! }] })
          }
        />
      )}
      <h3>
        {w.workingDays} · {year}
      </h3>
      {days.workingDays.length === 0 ? (
        <p>{w.noWorkingDays}</p>
      ) : (
        <ul data-testid="working-days">
          {days.workingDays.map((day, index) => (
            <li key={day.date}>
              {day.date} {day.name}{' '}
              {canEdit && (
                <button
                  type="button"
                  class="link"
                  aria-label={`${w.remove} ${day.date}`}
                  onClick={() => onChange(without(days, 'workingDays', index))}
                >
                  {w.remove}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <AddForm
          id="p-workday"
          year={year}
          fields={['name', 'date']}
          submit={w.addWorkingDay}
          onAdd={({ name, date }) =>
            onChange({ ...days, workingDays: [...days.workingDays, { name: name!, date: date! }] })
          }
        />
      )}
    </>
  );
};

const without = (days: CalendarYearDays, list: keyof CalendarYearDays, index: number): CalendarYearDays => ({
  ...days,
  [list]: days[list].filter((_, at) => at !== index),
});

const PeriodTable = ({
  days,
  onRemove,
}: {
  days: CalendarYearDays;
  onRemove?: ((index: number) => void) | undefined;
}) => {
  const w = usePolicyWords().calendar;
  if (days.holidays.length === 0) return <p>{w.noHolidays}</p>;
  return (
    <div class="table-wrap">
      <table class="dense" data-testid="holiday-periods">
        <thead>
          <tr>
            <th scope="col">{w.name}</th>
            <th scope="col">{w.from}</th>
            <th scope="col">{w.to}</th>
            <th scope="col">{w.length}</th>
            {onRemove && <td />}
          </tr>
        </thead>
        <tbody>
          {days.holidays.map((period, index) => (
            <tr key={period.from}>
              <th scope="row">{period.name || '—'}</th>
              <td>{period.from}</td>
              <td>{period.to}</td>
              <td>{w.days(daysOf(period.from, period.to).length)}</td>
              {onRemove && (
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`${w.remove} ${period.name} ${period.from}`}
                    onClick={() => onRemove(index)}
                  >
                    {w.remove}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

type AddField = 'name' | 'from' | 'to' | 'date';

/** A small form that adds one holiday period or one working day of `year`. */
const AddForm = ({
  id,
  year,
  fields,
  submit,
  onAdd,
}: {
  id: string;
  year: string;
  fields: AddField[];
  submit: string;
  onAdd: (values: Partial<Record<AddField, string>>) => void;
}) => {
  const w = usePolicyWords().calendar;
  return (
    <form
      class="filters"
      aria-label={submit}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const values = Object.fromEntries(
          fields.map((field) => [field, (form.elements.namedItem(field) as HTMLInputElement).value.trim()]),
        ) as Partial<Record<AddField, string>>;
        onAdd(values);
        form.reset();
      }}
    >
      {fields.map((field) => (
        <div class="field" key={field}>
          <label for={`${id}-${field}`}>{w[field]}</label>
          {field === 'name' ? (
            <input id={`${id}-${field}`} name={field} maxLength={50} />
          ) : (
            <input
              id={`${id}-${field}`}
              name={field}
              type="date"
              min={`${year}-01-01`}
              max={`${year}-12-31`}
              required={field !== 'to'}
            />
          )}
        </div>
      ))}
      <button type="submit" class="secondary">
        {submit}
      </button>
    </form>
  );
};

/** Reads an .ics file, shows what it gives for the year, and replaces the year only when asked. */
const IcsImport = ({ year, onReplace }: { year: string; onReplace: (days: CalendarYearDays) => void }) => {
  const w = usePolicyWords().calendar;
  const { colon } = useConsoleLocale().t;
  const [preview, setPreview] = useState<IcsCalendarYear | undefined>();
  const [invalid, setInvalid] = useState(false);
  const read = async (file: File | undefined) => {
    setPreview(undefined);
    setInvalid(false);
    if (!file) return;
    try {
      setPreview(calendarYearFromIcs(await file.text(), Number(year)));
    } catch {
      setInvalid(true);
    }
  };
  return (
    <section aria-labelledby="p-ics-title">
      <h3 id="p-ics-title">{w.importTitle}</h3>
      <p class="hint" id="p-ics-hint">
        {w.importHint}
      </p>
      <div class="field">
        <label for="p-ics">{w.importFile}</label>
        <input
          id="p-ics"
          type="file"
          accept=".ics,text/calendar"
          aria-describedby="p-ics-hint"
          onChange={(event) => void read(event.currentTarget.files?.[0])}
        />
      </div>
      {invalid && <Alert kind="error">{w.importInvalid}</Alert>}
      {preview && (
        <div data-testid="ics-preview">
          <h4>{w.preview(year)}</h4>
          <PeriodTable days={preview} />
          <p>
            {w.workingDays}
            {colon}
            {preview.workingDays.length === 0
              ? w.noWorkingDays
              : preview.workingDays.map((day) => `${day.date} ${day.name}`).join('；')}
          </p>
          {preview.skipped.length > 0 && (
            <>
              <h4>{w.skipped}</h4>
              <ul>
                {preview.skipped.map((skip) => (
                  <li key={`${skip.start}-${skip.summary}-${skip.reason}`}>
                    {skip.start} {skip.summary} — {w.skipReasons[skip.reason] ?? skip.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            onClick={() => {
              onReplace({ holidays: preview.holidays, workingDays: preview.workingDays });
              setPreview(undefined);
            }}
          >
            {w.replaceYear(year)}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setPreview(undefined)}>
            {w.cancel}
          </button>
        </div>
      )}
    </section>
  );
};
