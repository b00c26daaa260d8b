/** What the validator reports, and how a dataset author reads it. */

/** A dataset file as read from disk: its path relative to the project and its text. */
export interface DatasetFile {
  path: string;
  text: string;
}

/** One problem, naming the file, the entity (when there is one) and the field. */
export interface DatasetIssue {
  file: string;
  entityId?: string;
  field: string;
  message: string;
}

/** Options for `validateDataset`. */
export interface ValidateOptions {
  /** Entity ids that must exist (the project keeps its list in a test, not in core). */
  requiredIds?: readonly string[];
}

/** A record that passed the schema, with the file (or place in a pack) it came from. */
export interface Checked<T> {
  file: string;
  value: T;
}

/** Renders an issue as the one line a dataset author reads. */
export function formatIssue(issue: DatasetIssue): string {
  const who = issue.entityId ? ` ${issue.entityId}` : '';
  return `${issue.file}:${who} ${issue.field}: ${issue.message}`;
}
