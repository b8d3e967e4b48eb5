import { builder } from '../../graphql/builder';
import type { StudentDoc } from './student.model';

// Declared apart from its fields (student.schema.ts) so School and Student can reference each other.
export const StudentRef = builder.objectRef<StudentDoc>('Student');
