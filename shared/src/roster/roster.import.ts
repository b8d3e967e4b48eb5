import Papa from 'papaparse';
import * as z from 'zod';
import { emailSchema, TEXT_LIMITS } from '../common/common.schemas';
import { foldText } from '../search/search.fold';
import type { MessageKey } from '../messages/messages.catalog';
import type { MessageParams } from '../messages/messages.render';

// The CSV of students a school imports (one invitation each): what a spreadsheet exports, comma or semicolon
// separated, with or without a header line. Columns: e-mail (required), first name, last name. Without a header,
// the e-mail is the column holding an "@" and the names follow in that order.

export const STUDENT_IMPORT_MAX_LINES = 500;
/** Characters of CSV accepted in one import (about 500 lines of e-mail and names). */
export const STUDENT_IMPORT_MAX_CHARS = 100_000;

export const importStudentsSchema = z.object({
  csv: z.string().max(STUDENT_IMPORT_MAX_CHARS),
  /** true: check every line and answer the preview, write nothing. */
  dryRun: z.boolean().optional().default(false),
});
export type ImportStudentsInput = z.input<typeof importStudentsSchema>;

export interface StudentImportLine {
  /** Line number in the file (1 = first line, the header when there is one). */
  line: number;
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

export interface StudentImportProblem {
  /** Line number in the file; 0 for the whole file. */
  line: number;
  key: MessageKey;
  params?: MessageParams;
}

export interface ParsedStudentImport {
  lines: StudentImportLine[];
  problems: StudentImportProblem[];
}

const EMAIL_HEADERS = new Set([
  'email',
  'e mail',
  'mail',
  'courriel',
  'adresse e mail',
  'adresse email',
  'adresse mail',
]);
const FIRST_NAME_HEADERS = new Set(['prenom', 'first name', 'firstname', 'given name']);
const LAST_NAME_HEADERS = new Set(['nom', 'last name', 'lastname', 'family name', 'nom de famille', 'surname']);

interface Columns {
  email: number;
  firstName: number;
  lastName: number;
}

function headerColumns(cells: string[]): Columns | null {
  const folded = cells.map((c) => foldText(c));
  const email = folded.findIndex((c) => EMAIL_HEADERS.has(c));
  if (email === -1) return null;
  return {
    email,
    firstName: folded.findIndex((c) => FIRST_NAME_HEADERS.has(c)),
    lastName: folded.findIndex((c) => LAST_NAME_HEADERS.has(c)),
  };
}

/** Parses and checks the file on its own (format, e-mails, duplicates); account checks are the API's. */
export function parseStudentImport(csv: string): ParsedStudentImport {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const rows = parsed.data.map((cells) => cells.map((c) => c.trim()));
  const problems: StudentImportProblem[] = [];
  if (rows.length === 0) return { lines: [], problems: [{ line: 0, key: 'roster.import.empty' }] };

  const header = headerColumns(rows[0] ?? []);
  let columns: Columns;
  if (header) columns = header;
  else {
    const email = (rows[0] ?? []).findIndex((c) => c.includes('@'));
    if (email === -1) return { lines: [], problems: [{ line: 0, key: 'roster.import.noEmailColumn' }] };
    columns = { email, firstName: email + 1, lastName: email + 2 };
  }
  const body = rows.map((cells, i) => ({ cells, line: i + 1 })).slice(header ? 1 : 0);
  if (body.length === 0) return { lines: [], problems: [{ line: 0, key: 'roster.import.empty' }] };
  if (body.length > STUDENT_IMPORT_MAX_LINES) {
    return {
      lines: [],
      problems: [{ line: 0, key: 'roster.import.tooManyLines', params: { max: STUDENT_IMPORT_MAX_LINES } }],
    };
  }

  const lines: StudentImportLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { cells, line } of body) {
    const rawEmail = cells[columns.email] ?? '';
    const name = (i: number) => (i >= 0 && cells[i] ? cells[i] : undefined);
    const firstName = name(columns.firstName);
    const lastName = name(columns.lastName);
    if (rawEmail === '') {
      problems.push({ line, key: 'roster.import.emailMissing' });
      continue;
    }
    const email = emailSchema.safeParse(rawEmail);
    if (!email.success) {
      problems.push({ line, key: 'roster.import.emailInvalid', params: { value: rawEmail } });
      continue;
    }
    if ((firstName?.length ?? 0) > TEXT_LIMITS.name || (lastName?.length ?? 0) > TEXT_LIMITS.name) {
      problems.push({ line, key: 'roster.import.nameTooLong', params: { max: TEXT_LIMITS.name } });
      continue;
    }
    const earlier = firstLineOf.get(email.data);
    if (earlier !== undefined) {
      problems.push({ line, key: 'roster.import.duplicateInFile', params: { line: earlier } });
      continue;
    }
    firstLineOf.set(email.data, line);
    lines.push({ line, email: email.data, firstName, lastName });
  }
  return { lines, problems };
}
