import type { Dataset } from './dataset';

/** One user's leave-one-out split (item indices). */
export interface UserSplit {
  /** Index into Dataset.users / sequences. */
  user: number;
  /** All but the last two interactions. */
  train: number[];
  /** The second-last interaction. */
  valid: number;
  /** The last interaction. */
  test: number;
}

/** The leave-one-out split of a dataset plus how many users were too short to take part. */
export interface Split {
  users: UserSplit[];
  numItems: number;
  /** Users with fewer than 3 interactions (excluded, as in the literature). */
  skippedUsers: number;
}

/**
 * Leave-one-out exactly as DESIGN.md: per user with ≥ 3 interactions, last item = test,
 * second-last = validation, the rest = training. Shorter users are skipped and counted.
 */
export function leaveOneOut(ds: Dataset): Split {
  const users: UserSplit[] = [];
  let skippedUsers = 0;
  ds.sequences.forEach((seq, user) => {
    if (seq.length < 3) {
      skippedUsers++;
      return;
    }
    users.push({ user, train: seq.slice(0, -2), valid: seq[seq.length - 2]!, test: seq[seq.length - 1]! });
  });
  return { users, numItems: ds.items.length - 1, skippedUsers };
}

/** Which held-out item is evaluated: validation (input = train) or test (input = train + valid). */
export type Stage = 'valid' | 'test';

/** The model input and target for a user at a stage. */
export function evalCase(u: UserSplit, stage: Stage): { history: number[]; target: number } {
  return stage === 'valid' ? { history: u.train, target: u.valid } : { history: [...u.train, u.valid], target: u.test };
}
