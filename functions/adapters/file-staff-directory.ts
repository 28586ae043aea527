import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StaffDirectory } from '../app/ports.ts';
import { type StaffMember, staffDirectoryFileSchema } from '../domain/staff-directory.ts';

/**
 * The staff directory from a JSON file (`{ "staff": [...] }`, checked at the first read): the local
 * runtime's seeded directory, named by STAFF_DIRECTORY_FILE. Read once per process.
 */
export const fileStaffDirectory = (file: string): StaffDirectory => {
  let members: StaffMember[] | undefined;
  const all = (): StaffMember[] => {
    members ??= staffDirectoryFileSchema.parse(JSON.parse(readFileSync(resolve(file), 'utf8'))).staff;
    return members;
  };
  return {
    list: (department) =>
      Promise.resolve(all().filter((member) => department === undefined || member.department === department)),
    find: (id) => Promise.resolve(all().find((member) => member.id === id)),
  };
};
