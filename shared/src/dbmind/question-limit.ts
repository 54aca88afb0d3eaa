/**
 * The longest question DBMind takes (GaussMaster caps every free-text field at 10240 characters). The console's
 * chat API uses the same number, so a question the BFF accepts is never refused further on.
 */
export const dbmindMaxQuestionLength = 10_240;
