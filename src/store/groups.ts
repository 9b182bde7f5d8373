import { nowIso, stmt, type Db } from './db.js';

export type PhoneGroup = 'config' | 'command' | 'notify';
export const PHONE_GROUPS: PhoneGroup[] = ['config', 'command', 'notify'];
/** The seed device keeps at most 4 numbers per group. */
export const MAX_GROUP_SIZE = 4;

export class GroupFullError extends Error {
  override readonly name = 'GroupFullError';
}

/** Phone groups, stored by canonical number (+359…), so 0888… and +359888… are one phone. */
export class GroupStore {
  constructor(private readonly db: Db) {}

  add(group: PhoneGroup, canonical: string): boolean {
    return this.db.transaction(() => {
      if (this.members(group).includes(canonical)) return false;
      if (this.members(group).length >= MAX_GROUP_SIZE) throw new GroupFullError(`the ${group} group already has ${MAX_GROUP_SIZE} numbers`);
      stmt(this.db, 'INSERT INTO phone_groups (grp, number, added_at) VALUES (?, ?, ?)').run(group, canonical, nowIso());
      return true;
    })();
  }

  remove(group: PhoneGroup, canonical: string): boolean {
    return stmt(this.db, 'DELETE FROM phone_groups WHERE grp = ? AND number = ?').run(group, canonical).changes > 0;
  }

  members(group: PhoneGroup): string[] {
    return (stmt(this.db, 'SELECT number FROM phone_groups WHERE grp = ? ORDER BY added_at').all(group) as Array<{ number: string }>).map((r) => r.number);
  }

  groupsOf(canonical: string): PhoneGroup[] {
    return (stmt(this.db, 'SELECT grp FROM phone_groups WHERE number = ?').all(canonical) as Array<{ grp: PhoneGroup }>).map((r) => r.grp);
  }
}
