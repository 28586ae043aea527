import type { VocabularyLabels } from '../../../functions/domain/labels.ts';
import type { StaffDirectoryView } from '../../../functions/domain/staff-directory.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import type { ActionField } from './action-forms.ts';
import type { ConsoleMessages } from './messages-en.ts';

/**
 * What the choices are made of: the shapes of DirectoryNames and ConsoleLocale, written out so this
 * file (and its test, type-checked with the functions) does not load preact and the DOM's types.
 */
interface ChoiceContext {
  detail: CaseDetail;
  names: {
    directory: StaffDirectoryView;
    person: (id: string) => string;
    department: (id: string) => string;
  };
  self: string;
  cl: {
    t: Pick<ConsoleMessages, 'assists' | 'none'>;
    label: (kind: keyof VocabularyLabels, code: string) => string;
  };
}

/** Assignees from the staff directory by name; before it exists, oneself and the current assignee. */
const staffOptions = ({ names, self, detail }: ChoiceContext): [string, string][] => {
  const staff = names.directory.staff.map((member): [string, string] => [member.id, member.name]);
  if (staff.length > 0) return staff;
  return [...new Set([self, ...(detail.assignee ? [detail.assignee] : [])])].map((id) => [
    id,
    names.person(id),
  ]);
};

/**
 * What a select of an action form offers, as [value, text] pairs; undefined for a field typed in.
 * Departments to ask for help are the policy's (from the directory), except the case's own; the
 * assists to answer or cancel are the case's open ones, by department and question.
 */
export const choiceOptions = (field: ActionField, context: ChoiceContext): [string, string][] | undefined => {
  const { detail, names, cl } = context;
  switch (field.kind) {
    case 'staff':
      return staffOptions(context);
    case 'departmentStaff':
      // None first: a corrective action is optional.
      return [
        ['', cl.t.none],
        ...names.directory.staff
          .filter((member) => member.department === detail.department)
          .map((member): [string, string] => [member.id, member.name]),
      ];
    case 'department':
      return names.directory.departments
        .filter((department) => department.id !== detail.department)
        .map((department) => [department.id, names.department(department.id)]);
    case 'assist':
      return detail.assists
        .filter((assist) => assist.status === 'open')
        .map((assist) => [
          assist.id,
          cl.t.assists.option(names.department(assist.department), assist.question),
        ]);
    case 'select':
      return (field.options ?? []).map((code) => [code, field.labels ? cl.label(field.labels, code) : code]);
    default:
      return undefined;
  }
};
