import { renderMessage } from '../messages/messages.render';
import { parseStudentImport, STUDENT_IMPORT_MAX_LINES } from './roster.import';

describe('parseStudentImport', () => {
  it('reads a semicolon file with a French header, in any column order', () => {
    const csv =
      '\uFEFFNom;Prénom;Adresse e-mail\nMoreau;Emma;Emma.Moreau@Exemple.fr\r\nLefebvre;Hugo;hugo.lefebvre@exemple.fr\n\n';
    expect(parseStudentImport(csv)).toEqual({
      lines: [
        { line: 2, email: 'emma.moreau@exemple.fr', firstName: 'Emma', lastName: 'Moreau' },
        { line: 3, email: 'hugo.lefebvre@exemple.fr', firstName: 'Hugo', lastName: 'Lefebvre' },
      ],
      problems: [],
    });
  });

  it('reads a comma file without a header (e-mail, first name, last name)', () => {
    const { lines, problems } = parseStudentImport('lina@exemple.fr,Lina,Martin\n"yanis@exemple.fr","Yanis","Bernard"');
    expect(problems).toEqual([]);
    expect(lines.map((l) => [l.line, l.email, l.firstName, l.lastName])).toEqual([
      [1, 'lina@exemple.fr', 'Lina', 'Martin'],
      [2, 'yanis@exemple.fr', 'Yanis', 'Bernard'],
    ]);
  });

  it('reports each bad line with its number and keeps the good ones', () => {
    const csv = ['email;prenom;nom', 'a@exemple.fr;A;A', 'pas-une-adresse;B;B', ';C;C', 'A@exemple.fr;D;D'].join('\n');
    const { lines, problems } = parseStudentImport(csv);
    expect(lines.map((l) => l.line)).toEqual([2]);
    expect(problems).toEqual([
      { line: 3, key: 'roster.import.emailInvalid', params: { value: 'pas-une-adresse' } },
      { line: 4, key: 'roster.import.emailMissing' },
      { line: 5, key: 'roster.import.duplicateInFile', params: { line: 2 } },
    ]);
    expect(renderMessage('roster.import.duplicateInFile', { line: 2 }, 'fr')).toBe('Adresse déjà présente ligne 2');
  });

  it('refuses an empty file, a file without e-mails and a file too long', () => {
    expect(parseStudentImport(' \n').problems).toEqual([{ line: 0, key: 'roster.import.empty' }]);
    expect(parseStudentImport('email;nom\n').problems).toEqual([{ line: 0, key: 'roster.import.empty' }]);
    expect(parseStudentImport('nom;prenom\nMoreau;Emma').problems).toEqual([
      { line: 0, key: 'roster.import.noEmailColumn' },
    ]);
    const long = Array.from({ length: STUDENT_IMPORT_MAX_LINES + 1 }, (_, i) => `e${i}@exemple.fr`).join('\n');
    expect(parseStudentImport(long).problems[0]?.key).toBe('roster.import.tooManyLines');
  });
});
