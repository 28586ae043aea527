import type { StaffDirectory } from '../app/ports.ts';
import { cognitoClient } from './cognito.ts';
import { cognitoStaffDirectory } from './cognito-staff-directory.ts';
import { environment, requireSetting } from './config.ts';
import { fileStaffDirectory } from './file-staff-directory.ts';

let chosen: StaffDirectory | undefined;

/**
 * The staff directory of this container: the Cognito user pool (USER_POOL_ID) in AWS, or the file
 * STAFF_DIRECTORY_FILE names (the local runtime has no user pool). Chosen at the first call.
 */
const current = (): StaffDirectory => {
  if (!chosen) {
    const file = environment().STAFF_DIRECTORY_FILE;
    chosen = file
      ? fileStaffDirectory(file)
      : cognitoStaffDirectory(cognitoClient, () => requireSetting('USER_POOL_ID'));
  }
  return chosen;
};

export const staffDirectory: StaffDirectory = {
  list: (department) => current().list(department),
  find: (id) => current().find(id),
};
