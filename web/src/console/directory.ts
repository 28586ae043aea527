import { useEffect, useState } from 'preact/hooks';
import type { StaffDirectoryView } from '../../../functions/domain/staff-directory.ts';
import type { Locale } from '../../../functions/domain/vocabulary.ts';
import { staffApi } from './staff-api.ts';

/** `GET /v1/staff/directory`: who works here and in which department, for names instead of ids. */
type StaffDirectory = StaffDirectoryView;

const EMPTY: StaffDirectory = { departments: [], staff: [] };
let loaded: Promise<StaffDirectory> | undefined;

/** Loaded once per page; a deployment without the directory (or a refusal) shows ids instead. */
const loadDirectory = (): Promise<StaffDirectory> =>
  (loaded ??= staffApi<StaffDirectory>('/v1/staff/directory').then((result) => {
    if (result.ok && Array.isArray(result.body?.staff)) return result.body;
    loaded = undefined; // asked again on the next page, e.g. once signed in
    return EMPTY;
  }));

export interface DirectoryNames {
  directory: StaffDirectory;
  /** A member of staff's name, else their id. */
  person: (id: string | null | undefined) => string;
  /** A department's name in the reader's language, else its id. */
  department: (id: string | null | undefined) => string;
}

export const namesFrom = (directory: StaffDirectory, locale: Locale): DirectoryNames => ({
  directory,
  person: (id) => (id ? (directory.staff.find((member) => member.id === id)?.name ?? id) : '—'),
  department: (id) =>
    id ? (directory.departments.find((department) => department.id === id)?.name[locale] ?? id) : '—',
});

export const useDirectory = (locale: Locale): DirectoryNames => {
  const [directory, setDirectory] = useState<StaffDirectory>(EMPTY);
  useEffect(() => void loadDirectory().then(setDirectory), []);
  return namesFrom(directory, locale);
};
