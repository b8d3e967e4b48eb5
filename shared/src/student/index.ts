export * from './student.schemas';
