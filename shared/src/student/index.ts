export * from './student.schemas';
export * from './student.phone';
